//! HTTP-level tests of the server: every route through `app(state).oneshot`, the OpenAPI
//! description checked against what the server does, a real socket (connection limits and
//! timeouts), hardening (security headers, explosive queries), the entity routes, the
//! Factbook editions' routes, and the seed page with the Factbook.

mod api;
mod editions;
mod entities;
mod fixtures;
mod hardening;
mod openapi;
mod params;
mod relations;
mod routes;
mod shared;
mod socket;
mod timeline;
