//! Forwarding a request to moto and reading its whole answer.

use anyhow::Result;
use bytes::Bytes;
use http::{Request, Response, header};
use http_body_util::{BodyExt, Full};

use super::Shared;

/// Hop-by-hop headers describe one connection, not the message; everything else
/// (Host included, for SigV4) goes to moto untouched.
const HOP_BY_HOP: [&str; 7] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
];

pub(super) async fn forward(
    shared: &Shared,
    parts: &http::request::Parts,
    body: Bytes,
) -> Result<Response<Bytes>> {
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut req = Request::builder()
        .method(parts.method.clone())
        .uri(format!("http://{}{path}", shared.upstream))
        .body(Full::new(body))?;
    for (name, value) in &parts.headers {
        // Content-Length too: the body may have been rewritten; hyper sets it anew.
        if !HOP_BY_HOP.contains(&name.as_str()) && name != header::CONTENT_LENGTH {
            req.headers_mut().append(name.clone(), value.clone());
        }
    }
    let resp = shared.client.request(req).await?;
    let (mut parts, body) = resp.into_parts();
    let body = body.collect().await?.to_bytes();
    for h in HOP_BY_HOP {
        parts.headers.remove(h);
    }
    Ok(Response::from_parts(parts, body))
}
