//! Inferring number patterns from how numbers are shown.
