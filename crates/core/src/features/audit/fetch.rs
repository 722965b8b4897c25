//! Fetching: the lookups behind a view, their pages as they arrive, throttled pages tried
//! again with a growing wait (said in the footer, never hidden), and the scan's page cap.

use std::time::Duration;

use crate::features::audit::AuditPage;
use crate::features::audit::Call;
use crate::features::audit::call::Lookup;
use crate::features::audit::{
    Audit, AuditView, MAX_RETRIES, Out, PREFETCH_ROWS, SCAN_PAGES, Scope, Stream,
};
use crate::model::{AwsError, ErrorKind};
use crate::room::{Ctx, Effect, Timer};

impl Stream {
    fn new(lookup: Lookup, filtered: bool) -> Self {
        let scan = lookup == Lookup::EventSource;
        Stream {
            lookup,
            filtered,
            token: None,
            pages: 0,
            // Scans of the whole region stop at a cap (and say so); a secret's own lookup
            // pages only as far as the user scrolls.
            budget: if scan { SCAN_PAGES } else { usize::MAX },
            in_flight: None,
            retry: None,
            throttled: 0,
            done: false,
        }
    }
}

/// The lookups a scope needs.
pub(super) fn streams_for(scope: &Scope) -> Vec<Stream> {
    match scope {
        // Its API calls by ResourceName; the events Secrets Manager writes itself name the
        // secret only inside the record, so the region's events are scanned for them (and
        // for calls that named it by a partial ARN).
        Scope::Secret { secret } => vec![
            Stream::new(Lookup::ResourceName(secret.arn.to_string()), false),
            Stream::new(Lookup::EventSource, true),
        ],
        Scope::Region { .. } => vec![Stream::new(Lookup::EventSource, false)],
    }
}

impl Audit {
    fn query_id(&mut self) -> u64 {
        self.next_query += 1;
        self.next_query
    }

    /// Sends the next page of stream `index` of `view`.
    pub(super) fn request(&mut self, view: &mut AuditView, index: usize, ctx: &Ctx, out: &mut Out) {
        let query = self.query_id();
        let Some(stream) = view.streams.get_mut(index) else {
            return;
        };
        if stream.done || stream.in_flight.is_some() || stream.retry.is_some() || stream.budget == 0
        {
            return;
        }
        stream.in_flight = Some(query);
        // As the identity the view asks as (a secret's view: the identity that listed it).
        out.effect(Effect::Aws {
            stamp: ctx.stamp_as(view.scope.identity()),
            call: Call::LookupEvents {
                query,
                region: view.scope.region().to_owned(),
                lookup: stream.lookup.clone(),
                start: view.start,
                end: view.end,
                token: stream.token.clone(),
            },
        });
    }

    /// A page for query `query` (of the open view, or of one closed since: then dropped).
    pub(crate) fn page_arrived(
        &mut self,
        view: Option<&mut AuditView>,
        (query, result): (u64, Result<AuditPage, AwsError>),
        ctx: &Ctx,
        out: &mut Out,
    ) {
        let Some(view) = view else {
            return;
        };
        let Some(index) = view.streams.iter().position(|s| s.in_flight == Some(query)) else {
            return;
        };
        let stream = &mut view.streams[index];
        stream.in_flight = None;
        let page = match result {
            Ok(page) => page,
            Err(error) if error.kind == ErrorKind::Throttled => {
                stream.throttled += 1;
                let tries = stream.throttled;
                if tries > MAX_RETRIES {
                    view.error = Some(format!(
                        "CloudTrail kept throttling the lookup ({}); refresh tries again",
                        ctx.explain_as(view.scope.identity(), &error)
                    ));
                    return;
                }
                let wait = Duration::from_secs(1 << tries);
                stream.retry = Some(query);
                out.warn(format!(
                    "CloudTrail throttled the lookup (2 per second per account and region); \
                     trying again in {} s",
                    wait.as_secs()
                ));
                out.effect(Effect::After {
                    delay: wait,
                    timer: Timer::AuditRetryDue { query },
                });
                return;
            }
            Err(error) => {
                view.error = Some(ctx.explain_as(view.scope.identity(), &error));
                return;
            }
        };
        view.error = None;
        if let Some(key) = &page.signed_with
            && !self.access_keys.contains(key)
        {
            self.access_keys.push(key.clone());
        }
        stream.throttled = 0;
        stream.pages += 1;
        stream.budget = stream.budget.saturating_sub(1);
        stream.token = page.next_token;
        stream.done = stream.token.is_none();
        let filtered = stream.filtered;
        let keep = |e: &crate::model::audit::AuditEvent| match (&view.scope, filtered) {
            (Scope::Secret { secret }, true) => e.names_secret(secret.arn.as_str(), &secret.name),
            _ => true,
        };
        let fresh: Vec<_> = page.events.into_iter().filter(|e| keep(e)).collect();
        view.learn_me(ctx.caller_arn_of(view.scope.identity()), &self.access_keys);
        merge(view, fresh);
        // A scan goes on by itself (it filters, so a page may add nothing) until its cap.
        if filtered {
            self.request(view, index, ctx, out);
        } else {
            self.prefetch(view, ctx, out);
        }
    }

    /// The wait after a throttled page of the open `view` is over: ask again.
    pub(crate) fn retry_due(&mut self, view: &mut AuditView, query: u64, ctx: &Ctx, out: &mut Out) {
        let Some(index) = view.streams.iter().position(|s| s.retry == Some(query)) else {
            return;
        };
        view.streams[index].retry = None;
        self.request(view, index, ctx, out);
    }

    /// The next page of an unfiltered lookup when the selection nears the end of the rows.
    pub(super) fn prefetch(&mut self, view: &mut AuditView, ctx: &Ctx, out: &mut Out) {
        let near_end = view.selected.at() + PREFETCH_ROWS >= view.row_count();
        if !near_end {
            return;
        }
        let wanted: Vec<usize> = view
            .streams
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.filtered && !s.done && s.in_flight.is_none())
            .map(|(i, _)| i)
            .collect();
        for index in wanted {
            self.request(view, index, ctx, out);
        }
    }

    /// `continue-scan`: another `SCAN_PAGES` pages for every scan that stopped at its cap.
    pub(super) fn continue_scan(&mut self, view: &mut AuditView, ctx: &Ctx, out: &mut Out) {
        let mut any = Vec::new();
        for (index, stream) in view.streams.iter_mut().enumerate() {
            if !stream.done && stream.budget == 0 {
                stream.budget = SCAN_PAGES;
                any.push(index);
            }
        }
        if any.is_empty() {
            out.info("Nothing more to scan in this window");
        }
        for index in any {
            self.request(view, index, ctx, out);
        }
    }
}

/// Adds events not seen yet, newest first.
fn merge(view: &mut AuditView, fresh: Vec<crate::model::audit::AuditEvent>) {
    let selected = view.rows().nth(view.selected.at()).map(|e| e.id.clone());
    for event in fresh {
        if !view
            .events
            .iter()
            .any(|e| e.id == event.id && !e.id.is_empty())
        {
            view.events.push(event);
        }
    }
    view.events
        .sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.id.cmp(&b.id)));
    let found = selected.and_then(|id| view.rows().position(|e| e.id == id));
    if let Some(at) = found {
        view.selected.set(at);
    }
}
