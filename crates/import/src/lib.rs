//! Reading plans into shinchoku. (Being written.)
