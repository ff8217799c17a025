//! The engine: runs the rules over a [`Document`], caching per-chunk work.

use crate::config::{Config, RuleLevel};
use crate::finding::Finding;
use crate::memo::ChunkMemo;
use crate::model::{ChunkModel, Date, Doc, PlacedChunk};
use crate::rules::{ChunkContext, DocContext, Scope, RULES};
use crate::syntax::Document;
use std::collections::HashMap;
use std::sync::Arc;

/// What the caller knows about files next to the policy (for `broken-link`).
/// The core never touches the file system itself.
pub trait FileLookup: Sync {
    /// Whether a path relative to the policy's folder exists; `None` when
    /// unknown (an untitled buffer, stdin), in which case nothing is reported.
    fn exists(&self, relative_path: &str) -> Option<bool>;

    /// The policy's own file name (`SECURITY.md`), for self-links.
    fn file_name(&self) -> Option<&str> {
        None
    }
}

/// A [`FileLookup`] that knows nothing.
pub struct NoFiles;

impl FileLookup for NoFiles {
    fn exists(&self, _relative_path: &str) -> Option<bool> {
        None
    }
}

/// Inputs of an analysis besides the text.
pub struct Options<'a> {
    pub config: &'a Config,
    /// "Today", for date rules (the caller decides: flag, env or clock).
    pub today: Date,
    pub files: &'a dyn FileLookup,
}

/// One chunk's cached results: its model and its chunk-scoped findings
/// (chunk-relative, configured severities applied).
struct ChunkResult {
    model: Arc<ChunkModel>,
    findings: Vec<Finding>,
    /// What document rules keep about the chunk (see [`ChunkMemo`]).
    memo: Arc<ChunkMemo>,
}

/// Runs analyses and keeps per-chunk results between them.
///
/// Results are keyed by chunk id, which changes whenever a chunk's text
/// does; call [`Analyzer::invalidate`] when the configuration changes.
#[derive(Default)]
pub struct Analyzer {
    cache: HashMap<u64, Arc<ChunkResult>>,
}

impl Analyzer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets cached results (configuration or "today" changed).
    pub fn invalidate(&mut self) {
        self.cache.clear();
    }

    /// Analyses a document; findings are sorted by position, then code.
    pub fn analyze(&mut self, doc: &Document, options: &Options<'_>) -> Vec<Finding> {
        self.analyze_with_view(doc, options).0
    }

    /// Analyses a document and also returns the whole-document model view
    /// (for hover, completion, symbols and other editor features).
    pub fn analyze_with_view(
        &mut self,
        doc: &Document,
        options: &Options<'_>,
    ) -> (Vec<Finding>, Doc) {
        let mut placed = Vec::with_capacity(doc.chunks().len());
        let mut findings = Vec::new();
        let mut fresh = HashMap::with_capacity(doc.chunks().len());
        for chunk in doc.chunks() {
            let result = match self.cache.get(&chunk.id) {
                Some(r) => r.clone(),
                None => Arc::new(analyze_chunk(&chunk.text, &chunk.model, options)),
            };
            findings.extend(result.findings.iter().map(|f| f.shifted(chunk.start)));
            placed.push(PlacedChunk {
                start: chunk.start,
                text: chunk.text.clone(),
                model: result.model.clone(),
                memo: result.memo.clone(),
            });
            fresh.insert(chunk.id, result);
        }
        // Keep only the chunks that still exist, so memory follows the document.
        self.cache = fresh;
        let doc_view = Doc::new(placed, doc.len());
        let cx = DocContext::new(&doc_view, options);
        let mut doc_findings = Vec::new();
        for rule in RULES.iter().filter(|r| r.meta().scope == Scope::Document) {
            if options
                .config
                .level(rule.meta().code, rule.meta().default_severity)
                == RuleLevel::Off
            {
                continue;
            }
            rule.check_document(&cx, &mut doc_findings);
        }
        findings.extend(configure(doc_findings, options.config));
        let mut findings = crate::suppress::apply(&doc_view, findings, options);
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
        (findings, doc_view)
    }
}

fn analyze_chunk(text: &str, model: &Arc<ChunkModel>, options: &Options<'_>) -> ChunkResult {
    let cx = ChunkContext {
        text,
        model,
        options,
    };
    let mut findings = Vec::new();
    for rule in RULES.iter().filter(|r| r.meta().scope == Scope::Chunk) {
        if options
            .config
            .level(rule.meta().code, rule.meta().default_severity)
            == RuleLevel::Off
        {
            continue;
        }
        rule.check_chunk(&cx, &mut findings);
    }
    ChunkResult {
        model: model.clone(),
        findings: configure(findings, options.config),
        memo: Arc::default(),
    }
}

/// Applies configured severities and drops findings of rules set to `off`.
fn configure(findings: Vec<Finding>, config: &Config) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| match config.rules.get(f.code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(s)) => {
                f.severity = *s;
                Some(f)
            }
            None => Some(f),
        })
        .collect()
}

/// Analyses a text once (the CLI's and tests' entry point).
pub fn analyze_text(text: &str, options: &Options<'_>) -> Vec<Finding> {
    Analyzer::new().analyze(&Document::new(text), options)
}
