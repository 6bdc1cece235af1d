//! Connection-level limits, below HTTP: a cap on open connections and an idle timeout.
//!
//! The request timeout (`REQUEST_TIMEOUT`) starts once a request has been read. A client
//! that connects and then sends nothing, or stops mid-request, or keeps an idle keep-alive
//! connection open, is not covered by it. [`GuardedListener`] closes any connection on
//! which nothing was read or written for [`ConnectionLimits::idle_timeout`], and stops
//! accepting while [`ConnectionLimits::max_connections`] are open (the kernel's backlog
//! holds the rest).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// Limits on the connections [`crate::serve_with_limits`] accepts.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Most connections open at once.
    pub max_connections: usize,
    /// A connection with no bytes read or written for this long is closed.
    pub idle_timeout: Duration,
}

impl ConnectionLimits {
    /// What [`crate::serve`] uses: 1024 connections, 30 s idle.
    pub const DEFAULT: ConnectionLimits = ConnectionLimits {
        max_connections: 1024,
        idle_timeout: Duration::from_secs(30),
    };
}

/// A TCP listener that applies [`ConnectionLimits`].
pub(crate) struct GuardedListener {
    inner: TcpListener,
    limits: ConnectionLimits,
    open: Arc<AtomicUsize>,
}

impl GuardedListener {
    pub fn new(inner: TcpListener, limits: ConnectionLimits) -> GuardedListener {
        GuardedListener {
            inner,
            limits,
            open: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl axum::serve::Listener for GuardedListener {
    type Io = GuardedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (GuardedStream, SocketAddr) {
        loop {
            if self.open.load(Ordering::Acquire) >= self.limits.max_connections {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    self.open.fetch_add(1, Ordering::AcqRel);
                    let stream = GuardedStream {
                        inner: stream,
                        idle: self.limits.idle_timeout,
                        deadline: Box::pin(tokio::time::sleep(self.limits.idle_timeout)),
                        last_progress: Instant::now(),
                        open: self.open.clone(),
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
                    eprintln!("areabook serve: accept: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// A TCP stream that fails with `TimedOut` after a quiet spell, and counts itself open.
pub(crate) struct GuardedStream {
    inner: TcpStream,
    idle: Duration,
    /// Fires at the earliest possible timeout; moved on lazily, when it fires.
    deadline: Pin<Box<Sleep>>,
    last_progress: Instant,
    open: Arc<AtomicUsize>,
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
