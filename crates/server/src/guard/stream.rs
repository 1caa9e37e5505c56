//! How the probe and discovery answer: NDJSON, one JSON value a line as the run goes and its result last
//! (docs/probe.md, docs/discover.md). A run runs in its own task, so that a client that goes away cancels it,
//! which frees its slot at once instead of when the run would have ended.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt};
use serde::Serialize;
use std::future::Future;
use std::net::IpAddr;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

/// The response streaming `events`, each on its own line as it comes.
pub fn ndjson<E: Serialize>(events: impl Stream<Item = E> + Send + 'static) -> Response {
    ndjson_lines(events.map(|event| line(&event)))
}

/// One event as a line of the answer: its JSON and the line end.
pub fn line<E: Serialize>(event: &E) -> Bytes {
    let mut line = serde_json::to_vec(event).unwrap_or_default();
    line.push(b'\n');
    Bytes::from(line)
}

/// The response streaming lines already written by [`line`] (a cached answer keeps its lines as bytes).
pub fn ndjson_lines(lines: impl Stream<Item = Bytes> + Send + 'static) -> Response {
    let mut response = Body::from_stream(lines.map(Ok::<_, std::convert::Infallible>)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Tells nginx not to buffer the stream, so each line reaches the browser as it happens.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// A run (a probe, a discovery) in its own task, sending what it finds (`P`) as it goes and returning `T`.
pub struct Running<P, T> {
    progress: UnboundedReceiver<P>,
    task: Abort<T>,
}

/// One line of a run's answer.
pub enum Line<P, T> {
    Progress(P),
    Done(T),
}

impl<P: Send + 'static, T: Send + 'static> Running<P, T> {
    /// Starts `run`, given the sender of its progress. `what` and `client` name it in the log when the client
    /// goes away first.
    pub fn spawn<F>(what: &'static str, client: IpAddr, run: impl FnOnce(UnboundedSender<P>) -> F) -> Running<P, T>
    where
        F: Future<Output = T> + Send + 'static,
    {
        let (sender, progress) = mpsc::unbounded_channel();
        Running {
            progress,
            task: Abort {
                task: tokio::spawn(run(sender)),
                what,
                client,
            },
        }
    }

    /// Each progress as it arrives, then the result once the run ends (nothing, if it panicked). Dropping the
    /// stream before then aborts the run.
    pub fn lines(self) -> impl Stream<Item = Line<P, T>> + Send + 'static {
        futures_util::stream::unfold(Some(self), |state| async move {
            let Running { mut progress, mut task } = state?;
            match progress.recv().await {
                Some(found) => Some((Line::Progress(found), Some(Running { progress, task }))),
                // The sender is gone: the run ended.
                None => (&mut task.task).await.ok().map(|result| (Line::Done(result), None)),
            }
        })
    }
}

/// Aborts the run when dropped (with the response stream: the client went away) before it finished.
struct Abort<T> {
    task: JoinHandle<T>,
    what: &'static str,
    client: IpAddr,
}

impl<T> Drop for Abort<T> {
    fn drop(&mut self) {
        if !self.task.is_finished() {
            tracing::info!(client = %self.client, "{} cancelled: the client disconnected", self.what);
            self.task.abort();
        }
    }
}
