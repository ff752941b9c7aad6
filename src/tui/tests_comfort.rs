//! Tests of the comfort features: mouse, sideways scroll, wrap, NO_COLOR,
//! OSC 52 copy, the time zone.
