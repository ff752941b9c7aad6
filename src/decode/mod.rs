//! Argument decoding (in progress).
