//! Grading. (Being written.)
