//! Unit tests of the server (see tests/ for the HTTP-level tests).
