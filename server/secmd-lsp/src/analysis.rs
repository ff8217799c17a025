//! Running a document's analysis off the state lock.
//!
//! The state lock is held only to read what a job needs and to store its
//! result; the analysis itself runs on a blocking thread
//! ([`crate::documents::AnalysisJob`]). So a large document being analysed
//! never delays edits, requests or analyses of other documents, and a
//! request waiting for an analysis can be cancelled (`$/cancelRequest`
//! aborts the waiting handler at once; the job's result is dropped).

use crate::documents::Snapshot;
use crate::failure::Failure;
use crate::server::Server;
use crate::state::ClientSupport;
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

/// What one attempt gave.
pub enum Outcome {
    /// The analysis of the revision that was current when it started.
    Done(Arc<Snapshot>, ClientSupport),
    /// secmd does not serve the document (other Markdown files).
    NotServed,
    /// A newer revision arrived before the analysis started.
    Superseded,
}

/// One attempt at the analysis of `uri`'s current revision.
pub async fn once(server: &Server, uri: &Url) -> Result<Outcome, Failure> {
    let today = server.today();
    let (job, support) = {
        let st = server.lock();
        let support = st.support.clone();
        let doc = st.doc(uri)?;
        if !doc.setup().served {
            return Ok(Outcome::NotServed);
        }
        match doc.snapshot_or_job(support.encoding, today) {
            Ok(snap) => return Ok(Outcome::Done(snap, support)),
            Err(job) => (job, support),
        }
    };
    let runner = server.clone();
    let name = uri.to_string();
    let ran = tokio::task::spawn_blocking(move || {
        job.run(
            &name,
            runner.inject(),
            runner.options.hold_analysis.as_deref(),
        )
    })
    .await;
    // A parse or an analysis may have peaked: trim once edits pause.
    server.memory.worked();
    let snap = match ran {
        Ok(Ok(Some(snap))) => snap,
        Ok(Ok(None)) => return Ok(Outcome::Superseded),
        Ok(Err(failure)) => return Err(failure),
        Err(e) => return Err(Failure::Panic(format!("analysis task: {e}"))),
    };
    if let Ok(doc) = server.lock().doc_mut(uri) {
        doc.store(&snap);
    }
    Ok(Outcome::Done(snap, support))
}

/// The analysis of `uri`'s current revision for a feature request, or
/// `None` when secmd does not serve the document.
pub async fn current(
    server: &Server,
    uri: &Url,
) -> Result<Option<(Arc<Snapshot>, ClientSupport)>, Failure> {
    loop {
        match once(server, uri).await? {
            Outcome::Done(snap, support) => return Ok(Some((snap, support))),
            Outcome::NotServed => return Ok(None),
            // Edits keep coming: analyse the newest text.
            Outcome::Superseded => continue,
        }
    }
}
