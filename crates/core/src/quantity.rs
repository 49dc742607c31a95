//! Quantities with units as plan documents print them. (Being written.)
