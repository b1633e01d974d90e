//! `FetchTransport`: the API client's [`Transport`] and [`Clock`] over the browser's `fetch` and timers.
//!
//! Cross-origin requests from extension pages are allowed by the host permissions, so no CORS mode
//! tricks are needed. Cookies are never sent: the token in `Authorization` is the only credential.

use crate::api::{Clock, HttpRequest, HttpResponse, Method, Transport, TransportError};
use gloo_net::http::{Method as FetchMethod, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use web_sys::{AbortController, RequestCredentials};

/// Sends requests with `fetch`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FetchTransport;

fn method(m: Method) -> FetchMethod {
    match m {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new()
            .map_err(|_| TransportError::Refused(crate::browser::i18n::t("browser_no_abort")))?;
        let mut builder = RequestBuilder::new(&request.url)
            .method(method(request.method))
            .credentials(RequestCredentials::Omit)
            .abort_signal(Some(&controller.signal()));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let built = match &request.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        }
        // A request the browser refuses to build never left.
        .map_err(|e| TransportError::Refused(e.to_string()))?;

        // The timer aborts the fetch; dropping it on the way out cancels it.
        let abort = controller.clone();
        let _timer = gloo_timers::callback::Timeout::new(request.timeout_ms, move || abort.abort());
        let response = built.send().await.map_err(|e| {
            if controller.signal().aborted() {
                TransportError::Timeout
            } else {
                // fetch reports every failure as the same TypeError, so whether the request left
                // cannot be known: treat it as possibly sent, which keeps writes from being retried.
                TransportError::Network(e.to_string())
            }
        })?;
        let status = response.status();
        let headers = response.headers().entries().collect();
        let body = response.text().await.map_err(|e| {
            if controller.signal().aborted() {
                TransportError::Timeout
            } else {
                TransportError::Network(e.to_string())
            }
        })?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Clock for FetchTransport {
    async fn sleep(&self, ms: u64) {
        TimeoutFuture::new(u32::try_from(ms).unwrap_or(u32::MAX)).await;
    }
}
