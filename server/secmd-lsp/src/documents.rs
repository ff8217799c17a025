//! One open document: its text and trees, version, settings and the latest
//! analysis.
//!
//! Fields are private; every change goes through [`OpenDocument::apply_changes`],
//! which applies a batch of content changes in order (a change without a
//! range replaces everything), bumps the internal revision and, in paranoid
//! mode, checks the incremental state against a fresh copy after each run of
//! ranged changes (applied as one batch, re-parsed once).
//! The analysis ([`Snapshot`]) is computed lazily for the current revision
//! and shared by diagnostics and feature requests. It runs as an
//! [`AnalysisJob`] on a blocking thread, outside the state lock: the job
//! owns a cheap clone of the document and the document's analyzer (its
//! per-chunk cache, behind its own lock), so edits and requests on every
//! document go on meanwhile, and a job whose revision was superseded
//! before it could start is abandoned.

use crate::convert;
use crate::diagnostics_json::DiagnosticsJson;
use crate::failure::{guard, Failure};
use crate::hold::AnalysisHold;
use crate::transport::{Frame, RawMessage};
use ropey::Rope;
use secmd_core::analysis::Analysis;
use secmd_core::model::DocumentModel;
use secmd_core::text::Encoding;
use secmd_core::{Analyzer, Config, Date, Document, FileLookup, Finding, NoFiles, Options};
use secmd_fs::DiskFiles;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tower_lsp::lsp_types as lsp;

/// What the server decided about a document from its URI and the
/// configuration (recomputed when the configuration changes).
#[derive(Debug, Clone)]
pub struct DocSetup {
    /// The file on disk, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// The merged configuration (file + client settings).
    pub config: Config,
    /// Whether secmd serves the document (see `selection`).
    pub served: bool,
    /// `owner/repo` on GitHub, from the git remote, when known.
    pub repository: Option<String>,
}

/// An analysis of one revision of a document.
pub struct Snapshot {
    pub revision: u64,
    pub version: i32,
    /// The document as analysed (a cheap clone: rope and shared chunks).
    pub document: Document,
    /// Findings by chunk (what push diagnostics are written from) and the
    /// model view.
    pub analysis: Analysis,
    pub setup: Arc<DocSetup>,
    pub today: Date,
    encoding: Encoding,
    /// Flat findings, made on first use (code actions): diagnostics are
    /// written from the parts.
    findings: OnceLock<Vec<Finding>>,
}

impl Snapshot {
    /// The whole-document model view, for editor features.
    pub fn view(&self) -> &DocumentModel {
        &self.analysis.view
    }

    /// Every finding, absolute, sorted by position.
    pub fn findings(&self) -> &[Finding] {
        self.findings.get_or_init(|| self.analysis.findings())
    }

    pub fn rope(&self) -> &Rope {
        self.document.rope()
    }

    /// The file lookups and options the core needs for this document.
    pub fn files(&self) -> Box<dyn FileLookup> {
        files_for(&self.setup)
    }
}

fn files_for(setup: &DocSetup) -> Box<dyn FileLookup> {
    match &setup.path {
        Some(p) => Box::new(DiskFiles::for_policy(p)),
        None => Box::new(NoFiles),
    }
}

/// Revisions are unique across documents and reopenings, so a pull
/// client's `previousResultId` can never match a different text.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// An open document.
pub struct OpenDocument {
    document: Document,
    version: i32,
    revision: u64,
    /// The current revision, read by analysis jobs to notice they were
    /// superseded.
    latest: Arc<AtomicU64>,
    /// Paranoid mode: the text maintained independently as a `String`.
    shadow: Option<String>,
    setup: Arc<DocSetup>,
    /// The per-chunk cache; an analysis job holds its lock while it runs
    /// (never taken under the state lock).
    analyzer: Arc<Mutex<AnalyzerCache>>,
    snapshot: Option<Arc<Snapshot>>,
    /// Push diagnostics kept as JSON per chunk.
    json: DiagnosticsJson,
    /// The revision whose diagnostics were last pushed (two changes in a
    /// row may both find the newest revision; it is sent once).
    published: Option<u64>,
}

impl OpenDocument {
    pub fn new(text: &str, version: i32, setup: DocSetup, paranoid: bool) -> Self {
        let revision = next_revision();
        OpenDocument {
            document: Document::new(text),
            version,
            revision,
            latest: Arc::new(AtomicU64::new(revision)),
            shadow: paranoid.then(|| text.to_string()),
            setup: Arc::new(setup),
            analyzer: fresh_analyzer(),
            snapshot: None,
            json: DiagnosticsJson::default(),
            published: None,
        }
    }

    /// Records that `revision` is being pushed; false if it already was.
    pub fn mark_published(&mut self, revision: u64) -> bool {
        if self.published == Some(revision) {
            return false;
        }
        self.published = Some(revision);
        true
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    /// Bumped by every change and every setup change: the identity of what
    /// a published result was computed from.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn setup(&self) -> &Arc<DocSetup> {
        &self.setup
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// Replaces the setup (configuration changed); cached results go.
    pub fn set_setup(&mut self, setup: DocSetup) {
        self.setup = Arc::new(setup);
        // A job may hold the old analyzer: start a fresh one rather than
        // wait for its lock.
        self.analyzer = fresh_analyzer();
        self.snapshot = None;
        self.bump_revision();
    }

    /// Applies a batch of content changes in order. Returns problems to log
    /// as errors: a version that did not grow, paranoid mismatches, caught
    /// panics (after which the document is rebuilt from its text).
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: &[lsp::TextDocumentContentChangeEvent],
        enc: Encoding,
        inject: Option<&str>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        if version <= self.version {
            problems.push(format!(
                "version {version} does not grow (was {}); applying the change anyway",
                self.version
            ));
        }
        // Chunk ids restart with every `Document::new`, and the analyzer's
        // cache is keyed by them: a rebuilt document needs a fresh analyzer.
        let mut rebuilt = false;
        // Runs of ranged changes are applied as one batch: the text changes
        // at each, the chunks are re-parsed once per run (issue 13.8).
        let mut i = 0;
        while i < changes.len() {
            let j = if changes[i].range.is_none() {
                i + 1
            } else {
                i + changes[i..]
                    .iter()
                    .take_while(|c| c.range.is_some())
                    .count()
            };
            let run = &changes[i..j];
            rebuilt |= run[0].range.is_none();
            let backup = self.document.clone();
            let applied = guard("didChange", inject, || {
                apply_run(&mut self.document, run, enc);
            });
            if let Err(Failure::Panic(msg)) = applied {
                // The edit panicked half-way: rebuild from the old text with
                // the edits applied as plain string operations.
                problems.push(format!("{msg}; re-parsing the whole document"));
                let mut text = backup.text();
                for change in run {
                    apply_to_string(&mut text, change, enc);
                }
                self.document = Document::new(&text);
                rebuilt = true;
            }
            if let Some(shadow) = &mut self.shadow {
                for change in run {
                    apply_to_string(shadow, change, enc);
                }
                let which = if j - i == 1 {
                    format!("change {i}")
                } else {
                    format!("changes {i}..{}", j - 1)
                };
                if *shadow != self.document.text() {
                    problems.push(format!(
                        "paranoid: after {which} of version {version} the rope differs from a fresh copy of the text"
                    ));
                    self.document = Document::new(shadow);
                    rebuilt = true;
                }
                if let Err(e) = self.document.verify() {
                    problems.push(format!(
                        "paranoid: after {which} of version {version} the incremental tree differs from a fresh parse: {e}"
                    ));
                    self.document = Document::new(shadow);
                    rebuilt = true;
                }
            }
            i = j;
        }
        if rebuilt {
            self.analyzer = fresh_analyzer();
        }
        self.version = version;
        self.bump_revision();
        self.snapshot = None;
        problems
    }

    fn bump_revision(&mut self) {
        self.revision = next_revision();
        self.latest.store(self.revision, Ordering::SeqCst);
    }

    /// The analysis of the current revision if it is made already, else
    /// the job that makes it (run it off the state lock, then
    /// [`OpenDocument::store`] the result).
    pub fn snapshot_or_job(
        &self,
        enc: Encoding,
        today: Date,
    ) -> Result<Arc<Snapshot>, AnalysisJob> {
        if let Some(s) = &self.snapshot {
            if s.today == today && s.encoding == enc {
                return Ok(s.clone());
            }
        }
        Err(AnalysisJob {
            document: self.document.clone(),
            revision: self.revision,
            version: self.version,
            latest: self.latest.clone(),
            analyzer: self.analyzer.clone(),
            setup: self.setup.clone(),
            today,
            encoding: enc,
        })
    }

    /// Keeps a finished analysis if it is of the current revision.
    pub fn store(&mut self, snapshot: &Arc<Snapshot>) {
        if snapshot.revision == self.revision {
            self.snapshot = Some(snapshot.clone());
        }
    }

    /// The `publishDiagnostics` notification for a snapshot of this
    /// document, built from the per-chunk JSON pieces.
    pub fn publish_frame(&mut self, uri: &lsp::Url, snapshot: &Snapshot) -> Frame {
        let started = std::time::Instant::now();
        let body = self.json.notification(
            uri,
            Some(snapshot.version),
            &snapshot.analysis,
            snapshot.rope(),
            snapshot.encoding,
        );
        tracing::debug!(
            "publish body {:?}: {} bytes",
            started.elapsed(),
            body.as_bytes().len()
        );
        body
    }

    /// A full pull report for a snapshot of this document, written as the
    /// result of `reply`, built from the per-chunk pieces.
    pub fn full_report(
        &mut self,
        result_id: &str,
        snapshot: &Snapshot,
        reply: RawMessage,
    ) -> Frame {
        self.json.full_report(
            result_id,
            &snapshot.analysis,
            snapshot.rope(),
            snapshot.encoding,
            reply,
        )
    }

    /// Paranoid-mode check of the text (for `secmd/debugDocument`).
    pub fn verify(&self) -> Result<(), String> {
        if let Some(shadow) = &self.shadow {
            if *shadow != self.document.text() {
                return Err("the rope differs from a fresh copy of the text".into());
            }
        }
        self.document.verify()
    }
}

/// Applies one content change; the range is clamped by the conversion.
/// Applies a run of changes: one full replacement, or ranged changes as
/// one batch (each range in the text the changes before it left).
fn apply_run(doc: &mut Document, run: &[lsp::TextDocumentContentChangeEvent], enc: Encoding) {
    if let [lsp::TextDocumentContentChangeEvent {
        range: None, text, ..
    }] = run
    {
        *doc = Document::new(text);
        return;
    }
    let mut batch = doc.batch();
    for change in run {
        let range = change
            .range
            .map(|r| convert::byte_range(batch.rope(), r, enc))
            .unwrap_or(0..batch.rope().len_bytes());
        batch.edit(range, &change.text);
    }
    batch.finish();
}

/// One change applied to a plain string (the fallback and paranoid copy).
fn apply_to_string(text: &mut String, change: &lsp::TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        Some(r) => {
            let range = convert::byte_range(&Rope::from_str(text), r, enc);
            text.replace_range(range, &change.text);
        }
        None => *text = change.text.clone(),
    }
}

/// A document's analyzer and the "today" its cache was made for.
#[derive(Default)]
pub struct AnalyzerCache {
    analyzer: Analyzer,
    today: Option<Date>,
}

fn fresh_analyzer() -> Arc<Mutex<AnalyzerCache>> {
    Arc::default()
}

/// One analysis to run off the state lock (see the module doc).
pub struct AnalysisJob {
    document: Document,
    revision: u64,
    version: i32,
    latest: Arc<AtomicU64>,
    analyzer: Arc<Mutex<AnalyzerCache>>,
    setup: Arc<DocSetup>,
    today: Date,
    encoding: Encoding,
}

impl AnalysisJob {
    fn superseded(&self) -> bool {
        self.latest.load(Ordering::SeqCst) != self.revision
    }

    /// Analyses the document; `Ok(None)` when a newer revision arrived
    /// before the analysis could start (its result would be thrown away).
    /// Blocking: run it on a blocking thread.
    pub fn run(
        self,
        uri: &str,
        inject: Option<&str>,
        hold: Option<&AnalysisHold>,
    ) -> Result<Option<Arc<Snapshot>>, Failure> {
        if let Some(h) = hold {
            h.pass(uri);
        }
        if self.superseded() {
            return Ok(None);
        }
        // One analysis per document at a time: the cache is mutated.
        let mut cache = self
            .analyzer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.superseded() {
            return Ok(None);
        }
        if cache.today != Some(self.today) {
            // The date moved on: date findings change everywhere.
            cache.analyzer.invalidate();
            cache.today = Some(self.today);
        }
        let analyzer = &mut cache.analyzer;
        let files = files_for(&self.setup);
        let options = Options {
            config: &self.setup.config,
            today: self.today,
            files: files.as_ref(),
        };
        let started = std::time::Instant::now();
        let document = &self.document;
        let analysed = guard("analysis", inject, || {
            let analysis = analyzer.analyze_parts(document, &options);
            tracing::debug!(
                "analysis {:?}: {} findings",
                started.elapsed(),
                analysis.count()
            );
            analysis
        });
        let analysis = match analysed {
            Ok(x) => x,
            Err(e) => {
                // The cache may be half-updated: start over next time.
                *cache = AnalyzerCache::default();
                return Err(e);
            }
        };
        Ok(Some(Arc::new(Snapshot {
            revision: self.revision,
            version: self.version,
            document: self.document,
            analysis,
            setup: self.setup,
            today: self.today,
            encoding: self.encoding,
            findings: OnceLock::new(),
        })))
    }
}
