//! Japanese era years (和暦): parsing and display. (Being written.)
