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
//!
//! A text over secmd's analysis limits (`rules::analysis_limit`: size,
//! nesting) is never parsed: it is kept as a rope only, edits apply to the
//! rope, and its analysis is the one `analysis-limit` finding, until an
//! edit brings it back within the limits. Whole texts are checked when they
//! arrive (didOpen, a change without range); a ranged change checks the
//! size and the lines it touched, so a keystroke's cost does not grow with
//! the document.

use crate::convert;
use crate::diagnostics_json::{DiagnosticsJson, LineEdit};
use crate::failure::{guard, Failure};
use crate::hold::AnalysisHold;
use crate::lazy_workspace::LazyWorkspace;
use crate::transport::{Frame, RawMessage};
use ropey::Rope;
use secmd_core::analysis::{Analysis, Part};
use secmd_core::fenced_twin::Twin;
use secmd_core::model::DocumentModel;
use secmd_core::rules::analysis_limit;
use secmd_core::text::Encoding;
use secmd_core::{Analyzer, Config, Date, Document, FileLookup, Finding, NoFiles, Options};
use secmd_fs::DiskFiles;
use secmd_workspace::{Located, WorkspaceFiles};
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
    /// A policy or a security.txt.
    pub kind: DocKind,
    /// The repository around the file (files on disk that are served),
    /// read by the first analysis, once per root (see `lazy_workspace`).
    pub workspace: Option<LazyWorkspace>,
    /// The file lookups' generation: bumped when a watched file of the
    /// document's workspace changes (`FileLookup::generation`).
    pub generation: u64,
}

/// The two document types secmd analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// SECURITY.md (or a file the `include` globs name).
    Policy,
    /// An RFC 9116 security.txt.
    SecurityTxt,
}

impl DocSetup {
    /// Whether `other` gives the same analysis inputs. The workspace is
    /// the one around the same path, and is re-read only when a watched
    /// file changes (`set_workspace`), so it is not compared.
    pub fn same_as(&self, other: &DocSetup) -> bool {
        self.served == other.served
            && self.config == other.config
            && self.path == other.path
            && self.repository == other.repository
            && self.kind == other.kind
            && self.workspace.is_some() == other.workspace.is_some()
    }

    /// The workspace if an analysis read it already.
    pub fn workspace_if_read(&self) -> Option<&Arc<Located>> {
        self.workspace.as_ref().and_then(LazyWorkspace::if_read)
    }
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
    /// The text when it is over the analysis limits (`document` is then
    /// empty).
    over_limit: Option<Rope>,
    /// The twin the analysis used (a policy inside a wrapping fence), for
    /// the document to keep and edit (see [`OpenDocument::store`]).
    twin: Option<Twin>,
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
        self.over_limit.as_ref().unwrap_or(self.document.rope())
    }

    /// The file lookups and options the core needs for this document.
    pub fn files(&self) -> Box<dyn FileLookup + '_> {
        files_for(&self.setup)
    }
}

/// The core's file lookup for a document: the workspace's facts when it
/// has one, else files on disk, else nothing (an untitled buffer).
fn files_for(setup: &DocSetup) -> Box<dyn FileLookup + '_> {
    match (&setup.path, &setup.workspace) {
        (Some(p), Some(ws)) => {
            Box::new(WorkspaceFiles::for_policy(p, ws.get(p)).with_generation(setup.generation))
        }
        (Some(p), None) => Box::new(DiskFiles::for_policy(p).with_generation(setup.generation)),
        _ => Box::new(NoFiles),
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
    /// A text over the analysis limits, never parsed, and the finding
    /// that says so (see the module doc); `document` is then empty.
    over_limit: Option<(Rope, Finding)>,
    /// When a code fence wraps the policy: the text with the fence lines
    /// blanked, which the analysis reads as the policy
    /// (`secmd_core::fenced_twin`). Edited with the document while no edit
    /// touches a fence line; dropped otherwise, and rebuilt by the next
    /// analysis, which also rebuilds it when the fence moved.
    twin: Option<Twin>,
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
        let (document, over_limit) = admit(text);
        OpenDocument {
            document,
            version,
            revision,
            latest: Arc::new(AtomicU64::new(revision)),
            shadow: paranoid.then(|| text.to_string()),
            over_limit,
            twin: None,
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

    /// The text as the client has it (also when it is over the limits).
    pub fn rope(&self) -> &Rope {
        match &self.over_limit {
            Some((rope, _)) => rope,
            None => self.document.rope(),
        }
    }

    /// Whether the text is over the analysis limits (and not parsed).
    pub fn is_over_limit(&self) -> bool {
        self.over_limit.is_some()
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

    /// Takes a re-read workspace (a watched file changed): the per-chunk
    /// cache stays (the configuration did not change; the new generation
    /// makes file lookups look at the disk again), the analysis goes.
    pub fn set_workspace(&mut self, workspace: LazyWorkspace, generation: u64) {
        let mut setup = (*self.setup).clone();
        setup.workspace = Some(workspace);
        setup.generation = generation;
        self.setup = Arc::new(setup);
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
        // The old revision's analysis goes first: while it holds the
        // document's chunks and the analyzer's view, the edit and the next
        // analysis would copy both (O(chunks) per keystroke).
        self.snapshot = None;
        // Chunk ids restart with every `Document::new`, and the analyzer's
        // cache is keyed by them: a rebuilt document needs a fresh analyzer.
        let mut rebuilt = false;
        // The edits as applied, for the published diagnostics to move
        // their lines with (`None` once the text changed another way).
        let mut line_edits = Some(Vec::new());
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
            let which = if j - i == 1 {
                format!("change {i}")
            } else {
                format!("changes {i}..{}", j - 1)
            };
            i = j;
            rebuilt |= run[0].range.is_none();
            if let Some((rope, _)) = &mut self.over_limit {
                line_edits = None;
                // Never parsed: the edits are rope operations.
                for change in run {
                    match change.range {
                        Some(r) => {
                            let range = convert::byte_range(rope, r, enc);
                            let chars =
                                rope.byte_to_char(range.start)..rope.byte_to_char(range.end);
                            rope.remove(chars.clone());
                            rope.insert(chars.start, &change.text);
                        }
                        None => *rope = Rope::from_str(&change.text),
                    }
                }
                self.check_shadow(&which, version, run, enc, &mut problems, &mut rebuilt);
                continue;
            }
            // Only the text is needed to recover from a panic: a rope clone
            // shares the tree (O(1)), where cloning the Document would copy
            // every chunk on every keystroke.
            let backup = self.document.rope().clone();
            let mut inserted = None;
            // The edits as applied, for the twin (none kept without one:
            // they copy the inserted text).
            let mut edits = Vec::new();
            let for_twin = self.twin.is_some();
            let applied = guard("didChange", inject, || {
                inserted = apply_run(
                    &mut self.document,
                    run,
                    enc,
                    for_twin.then_some(&mut edits),
                    line_edits.as_mut(),
                );
            });
            if inserted.is_none() {
                // A new text (or a panic).
                line_edits = None;
            }
            if let Err(Failure::Panic(msg)) = applied {
                // The edit panicked half-way: rebuild from the old text with
                // the edits applied as plain string operations.
                problems.push(format!("{msg}; re-parsing the whole document"));
                let mut text = backup.to_string();
                for change in run {
                    apply_to_string(&mut text, change, enc);
                }
                self.reset(&text);
                rebuilt = true;
            } else if let Some(inserted) = inserted {
                self.edit_twin(&edits);
                rebuilt |= self.limit_edit(inserted);
            } else if let Some(limit) = analysis_limit::check(&run[0].text) {
                // A whole new text over the limits.
                self.over_limit = Some((Rope::from_str(&run[0].text), limit));
                self.document = Document::new("");
            }
            self.check_shadow(&which, version, run, enc, &mut problems, &mut rebuilt);
        }
        if let Some((rope, limit)) = &mut self.over_limit {
            // Edits may have brought the text back within the limits.
            match analysis_limit::check_rope(rope) {
                Some(f) => *limit = f,
                None => {
                    self.document = Document::new(&rope.to_string());
                    self.over_limit = None;
                    rebuilt = true;
                }
            }
        }
        if rebuilt {
            self.analyzer = fresh_analyzer();
            self.twin = None;
        }
        self.version = version;
        self.bump_revision();
        self.json
            .edited(self.revision, line_edits.filter(|_| !rebuilt));
        problems
    }

    /// Gives the twin the edits the document got (byte ranges as applied,
    /// in order); drops it when they touch a fence line.
    fn edit_twin(&mut self, edits: &[(std::ops::Range<usize>, String)]) {
        let Some(mut twin) = self.twin.take() else {
            return;
        };
        let edits: Vec<(std::ops::Range<usize>, &str)> =
            edits.iter().map(|(r, t)| (r.clone(), t.as_str())).collect();
        // A panic leaves no twin: the next analysis builds one.
        if matches!(guard("didChange", None, || twin.edit(&edits)), Ok(true)) {
            self.twin = Some(twin);
        }
    }

    /// Replaces the whole text (after a caught panic or a paranoid
    /// mismatch), within the limits or not.
    fn reset(&mut self, text: &str) {
        (self.document, self.over_limit) = admit(text);
    }

    /// After a ranged edit whose text went to `inserted`: if the document
    /// or the lines the edit touched now go over the limits, sets the text
    /// aside. True if it did.
    fn limit_edit(&mut self, inserted: std::ops::Range<usize>) -> bool {
        let rope = self.document.rope();
        let over = if self.document.len() > analysis_limit::MAX_BYTES {
            true
        } else {
            let first = rope.byte_to_line(inserted.start);
            let last = rope.byte_to_line(inserted.end);
            let from = rope.line_to_byte(first);
            let to = rope.line_to_byte((last + 1).min(rope.len_lines()));
            analysis_limit::exceeded(&rope.byte_slice(from..to).to_string()).is_some()
        };
        if !over {
            return false;
        }
        // The exact finding comes from the whole text, at the end of the batch.
        let rope = rope.clone();
        let placeholder = Finding::new(&analysis_limit::META, 0..0, String::new());
        self.over_limit = Some((rope, placeholder));
        self.document = Document::new("");
        true
    }

    /// Paranoid mode: compares the text with the shadow copy after a run
    /// of changes (`which` names them), and the incremental trees with a
    /// fresh parse.
    fn check_shadow(
        &mut self,
        which: &str,
        version: i32,
        run: &[lsp::TextDocumentContentChangeEvent],
        enc: Encoding,
        problems: &mut Vec<String>,
        rebuilt: &mut bool,
    ) {
        let Some(shadow) = &mut self.shadow else {
            return;
        };
        for change in run {
            apply_to_string(shadow, change, enc);
        }
        let shadow = shadow.clone();
        if *self.rope() != shadow.as_str() {
            problems.push(format!(
                "paranoid: after {which} of version {version} the rope differs from a fresh copy of the text"
            ));
            self.reset(&shadow);
            *rebuilt = true;
        }
        if let Err(e) = self.document.verify() {
            problems.push(format!(
                "paranoid: after {which} of version {version} the incremental tree differs from a fresh parse: {e}"
            ));
            self.reset(&shadow);
            *rebuilt = true;
        }
        if let Some(Err(e)) = self.twin.as_ref().map(|t| t.verify(&shadow)) {
            problems.push(format!(
                "paranoid: after {which} of version {version} the fenced policy's twin differs from the text: {e}"
            ));
            self.twin = None;
        }
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
        if let Some((rope, limit)) = &self.over_limit {
            return Ok(Arc::new(self.over_limit_snapshot(rope, limit, enc, today)));
        }
        Err(AnalysisJob {
            document: self.document.clone(),
            revision: self.revision,
            version: self.version,
            latest: self.latest.clone(),
            analyzer: self.analyzer.clone(),
            twin: self.twin.clone().map(Box::new),
            setup: self.setup.clone(),
            today,
            encoding: enc,
        })
    }

    /// The analysis of a text over the limits: the one finding, no model.
    fn over_limit_snapshot(
        &self,
        rope: &Rope,
        limit: &Finding,
        enc: Encoding,
        today: Date,
    ) -> Snapshot {
        let findings = analysis_limit::configured(limit.clone(), &self.setup.config);
        let part = Part {
            chunk_id: 0,
            start: 0,
            len: rope.len_bytes(),
            findings: Arc::new(findings.into_iter().collect()),
        };
        Snapshot {
            revision: self.revision,
            version: self.version,
            document: Document::new(""),
            analysis: Analysis {
                parts: vec![part],
                view: DocumentModel::new(Vec::new(), 0),
            },
            setup: self.setup.clone(),
            today,
            encoding: enc,
            findings: OnceLock::new(),
            over_limit: Some(rope.clone()),
            twin: None,
        }
    }

    /// Keeps a finished analysis if it is of the current revision, and
    /// the twin it used (the document's text did not change since).
    pub fn store(&mut self, snapshot: &Arc<Snapshot>) {
        if snapshot.revision == self.revision {
            self.snapshot = Some(snapshot.clone());
            self.twin = snapshot.twin.clone();
        }
    }

    /// The `publishDiagnostics` notification for a snapshot of this
    /// document, built from the per-chunk JSON pieces.
    pub fn publish_frame(&mut self, uri: &lsp::Url, snapshot: &Snapshot) -> Frame {
        let started = std::time::Instant::now();
        let body = self.json.notification(
            uri,
            Some(snapshot.version),
            snapshot.revision,
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
            snapshot.revision,
            &snapshot.analysis,
            snapshot.rope(),
            snapshot.encoding,
            reply,
        )
    }

    /// Paranoid-mode check of the text (for `secmd/debugDocument`).
    pub fn verify(&self) -> Result<(), String> {
        if let Some(shadow) = &self.shadow {
            if *self.rope() != shadow.as_str() {
                return Err("the rope differs from a fresh copy of the text".into());
            }
        }
        if let Some(twin) = &self.twin {
            twin.verify(&self.rope().to_string())
                .map_err(|e| format!("the fenced policy's twin: {e}"))?;
        }
        self.document.verify()
    }

    /// The id of the twin the document keeps (a policy inside a wrapping
    /// fence), for tests: it stays while edits do not touch the fence.
    pub fn twin_id(&self) -> Option<u64> {
        self.twin.as_ref().map(Twin::id)
    }
}

/// Applies one content change; the range is clamped by the conversion.
/// Returns the bytes the edits span in the new text, for a run of ranged
/// changes; `None` when the change replaced everything.
fn apply_run(
    doc: &mut Document,
    run: &[lsp::TextDocumentContentChangeEvent],
    enc: Encoding,
    mut edits: Option<&mut Vec<(std::ops::Range<usize>, String)>>,
    mut line_edits: Option<&mut Vec<LineEdit>>,
) -> Option<std::ops::Range<usize>> {
    if let [lsp::TextDocumentContentChangeEvent {
        range: None, text, ..
    }] = run
    {
        // A whole new text: parsed only if within the limits (the caller
        // checks it and sets it aside otherwise).
        *doc = match analysis_limit::exceeded(text) {
            Some(_) => Document::new(""),
            None => Document::new(text),
        };
        return None;
    }
    let mut batch = doc.batch();
    for change in run {
        let range = change
            .range
            .map(|r| convert::byte_range(batch.rope(), r, enc))
            .unwrap_or(0..batch.rope().len_bytes());
        // As the batch applies it (the twin gets the same bytes).
        let applied = batch.clamp(range.clone());
        if let Some(edits) = edits.as_deref_mut() {
            edits.push((applied.clone(), change.text.clone()));
        }
        let before = batch.rope().len_lines();
        batch.edit(range, &change.text);
        let after = batch.rope().len_lines();
        if let Some(line_edits) = line_edits.as_deref_mut() {
            if !applied.is_empty() || !change.text.is_empty() {
                line_edits.push(LineEdit {
                    start: applied.start,
                    old_end: applied.end,
                    new_len: change.text.len(),
                    lines: after as isize - before as isize,
                });
            }
        }
    }
    Some(batch.finish())
}

/// The parsed document for `text`, or, when it is over the analysis
/// limits, an empty one and the text set aside with its finding.
fn admit(text: &str) -> (Document, Option<(Rope, Finding)>) {
    match analysis_limit::check(text) {
        Some(limit) => (Document::new(""), Some((Rope::from_str(text), limit))),
        None => (Document::new(text), None),
    }
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
    /// The document's twin, if it has one (see [`OpenDocument`]); boxed,
    /// as the job travels in a `Result`.
    twin: Option<Box<Twin>>,
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
        // The lookups borrow the setup, which the snapshot takes at the end.
        let setup = self.setup.clone();
        let files = files_for(&setup);
        let options = Options {
            config: &self.setup.config,
            today: self.today,
            files: files.as_ref(),
        };
        let started = std::time::Instant::now();
        let document = &self.document;
        let kind = self.setup.kind;
        let mut twin = self.twin.map(|t| *t);
        let analysed = guard("analysis", inject, || {
            let analysis = if kind == DocKind::SecurityTxt {
                // Not Markdown: no fence can wrap it.
                twin = None;
                let mut analysis = analyzer.analyze_parts_plain(document, &options);
                crate::security_txt::replace_findings(&mut analysis, document, &options);
                analysis
            } else {
                analyzer.analyze_parts_with(document, &mut twin, &options)
            };
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
            over_limit: None,
            twin,
        })))
    }
}
