//! timex
