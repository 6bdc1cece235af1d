//! HTTP-level tests of the server: every route through `app(state).oneshot`, the OpenAPI
//! description checked against what the server does, a real socket, and the seed page
//! with the Factbook.

mod fixtures;
mod openapi;
mod routes;
mod shared;
mod socket;
