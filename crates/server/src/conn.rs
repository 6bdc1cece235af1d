//! Connection-level limits, below HTTP, and the accept loop that applies them.
//!
//! The request timeout (`REQUEST_TIMEOUT`) starts once a request has been read. A client
//! that connects and then sends nothing, or sends its request a byte at a time, or keeps
//! an idle keep-alive connection open, is not covered by it. So, per connection:
//!
//! - [`ConnectionLimits::header_read_timeout`]: the request line and headers must arrive
//!   within this time of the server starting to read them (hyper's HTTP/1 header read
//!   timeout), however steadily the bytes trickle in; then the connection is closed.
//! - [`ConnectionLimits::idle_timeout`]: a connection on which nothing was read or written
//!   for this long is closed ([`GuardedStream`]).
//!
//! And across connections: at most [`ConnectionLimits::max_connections`] are open (the
//! accept loop stops accepting, the kernel's backlog holds the rest), and at most
//! [`ConnectionLimits::max_per_client`] from one client address (more are closed at once,
//! so one client cannot take every slot).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// Limits on the connections [`crate::serve_with_limits`] accepts.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Most connections open at once.
    pub max_connections: usize,
    /// Most connections open at once from one client IP address; more are closed as soon
    /// as they are accepted.
    pub max_per_client: usize,
    /// A connection with no bytes read or written for this long is closed.
    pub idle_timeout: Duration,
    /// A request's line and headers must be read within this time, or the connection is
    /// closed (a client sending a byte a second is not idle, but is cut off here).
    pub header_read_timeout: Duration,
}

impl ConnectionLimits {
    /// What [`crate::serve`] uses: 1024 connections, 64 per client address, 30 s idle,
    /// 10 s to send a request's headers.
    pub const DEFAULT: ConnectionLimits = ConnectionLimits {
        max_connections: 1024,
        max_per_client: 64,
        idle_timeout: Duration::from_secs(30),
        header_read_timeout: Duration::from_secs(10),
    };
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits::DEFAULT
    }
}

/// Serve `app` on `listener` within `limits` until `shutdown` completes; then stop
/// accepting, let open connections finish their requests, and return.
pub(crate) async fn serve(
    listener: TcpListener,
    app: axum::Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let mut listener = GuardedListener::new(listener, limits);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(client = %addr, "connection closed: {e}");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Open connections per client address.
#[derive(Default)]
struct Clients(Mutex<HashMap<IpAddr, usize>>);

/// One open connection of a client; gives its place back when dropped.
struct ClientSlot {
    clients: Arc<Clients>,
    ip: IpAddr,
}

impl Clients {
    /// A slot for `ip`, unless it already has `max` connections open.
    fn take(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(ClientSlot {
            clients: self.clone(),
            ip,
        })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.clients.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A TCP listener that applies [`ConnectionLimits`].
pub(crate) struct GuardedListener {
    inner: TcpListener,
    limits: ConnectionLimits,
    open: Arc<AtomicUsize>,
    clients: Arc<Clients>,
}

impl GuardedListener {
    pub fn new(inner: TcpListener, limits: ConnectionLimits) -> GuardedListener {
        GuardedListener {
            inner,
            limits,
            open: Arc::new(AtomicUsize::new(0)),
            clients: Arc::default(),
        }
    }

    /// The next connection within the limits.
    pub async fn accept(&mut self) -> (GuardedStream, SocketAddr) {
        loop {
            if self.open.load(Ordering::Acquire) >= self.limits.max_connections {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    // IPv4 clients of an IPv6 socket count as their IPv4 address.
                    let ip = addr.ip().to_canonical();
                    let Some(slot) = self.clients.take(ip, self.limits.max_per_client) else {
                        tracing::debug!(
                            client = %ip,
                            "refused a connection: {} already open from this address",
                            self.limits.max_per_client
                        );
                        drop(stream);
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    self.open.fetch_add(1, Ordering::AcqRel);
                    let stream = GuardedStream {
                        inner: stream,
                        idle: self.limits.idle_timeout,
                        deadline: Box::pin(tokio::time::sleep(self.limits.idle_timeout)),
                        last_progress: Instant::now(),
                        open: self.open.clone(),
                        _slot: slot,
                    };
                    return (stream, addr);
                }
                // Per-connection failures (the peer went away): try the next one. Others
                // (out of file descriptors): back off, as axum's own listener does.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionAborted
                            | io::ErrorKind::ConnectionReset
                            | io::ErrorKind::ConnectionRefused
                    ) => {}
                Err(e) => {
                    tracing::error!("accept: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }
}

/// A TCP stream that fails with `TimedOut` after a quiet spell, and counts itself open
/// (overall and for its client) until dropped.
pub(crate) struct GuardedStream {
    inner: TcpStream,
    idle: Duration,
    /// Fires at the earliest possible timeout; moved on lazily, when it fires.
    deadline: Pin<Box<Sleep>>,
    last_progress: Instant,
    open: Arc<AtomicUsize>,
    _slot: ClientSlot,
}

impl Drop for GuardedStream {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::AcqRel);
    }
}

impl GuardedStream {
    /// Bytes moved: only a clock read; the timer is moved when it fires.
    fn progress(&mut self) {
        self.last_progress = Instant::now();
    }

    /// Called when the inner stream is pending: time out if nothing moved for `idle`.
    fn check_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        loop {
            match self.deadline.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let due = self.last_progress + self.idle;
                    if due <= Instant::now() {
                        return Poll::Ready(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "connection idle for too long",
                        ));
                    }
                    // There was progress since the timer was set: wait for the rest.
                    self.deadline.as_mut().reset(due);
                }
            }
        }
    }
}

impl AsyncRead for GuardedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    this.progress();
                }
                Poll::Ready(r)
            }
            Poll::Pending => this.check_idle(cx).map(Err),
        }
    }
}

impl AsyncWrite for GuardedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write(cx, data) {
            Poll::Ready(r) => {
                if matches!(r, Ok(n) if n > 0) {
                    this.progress();
                }
                Poll::Ready(r)
            }
            Poll::Pending => this.check_idle(cx).map(Err),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(r) => {
                if matches!(r, Ok(n) if n > 0) {
                    this.progress();
                }
                Poll::Ready(r)
            }
            Poll::Pending => this.check_idle(cx).map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
