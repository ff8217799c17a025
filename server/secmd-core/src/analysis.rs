//! The engine: runs the rules over a [`Document`], caching per-chunk work.

use crate::config::{Config, RuleLevel};
use crate::fenced_twin::Twin;
use crate::finding::Finding;
use crate::id_map::IdMap;
use crate::memo::ChunkMemo;
use crate::model::{ChunkModel, DocumentModel, PlacedChunk};
use crate::options::Options;
use crate::rules::{ChunkContext, DocContext, Rule, Scope, RULES};
use crate::syntax::Document;
use std::sync::Arc;

/// One chunk's cached results: its model and its chunk-scoped findings
/// (chunk-relative, configured severities applied).
struct ChunkResult {
    model: Arc<ChunkModel>,
    findings: Arc<Vec<Finding>>,
    /// What document rules keep about the chunk (see [`ChunkMemo`]).
    memo: Arc<ChunkMemo>,
}

/// The findings that start in one chunk, chunk-relative and sorted.
///
/// A part whose inputs did not change since the previous analysis is the
/// same allocation (`Arc::ptr_eq`): the server keeps converted diagnostics
/// per part and converts only the parts an edit changed.
#[derive(Debug, Clone)]
pub struct Part {
    /// The chunk's id (see [`crate::syntax::Chunk`]).
    pub chunk_id: u64,
    /// Absolute offset of the chunk.
    pub start: usize,
    /// Length of the chunk in bytes.
    pub len: usize,
    pub findings: Arc<Vec<Finding>>,
}

/// The result of an analysis: findings grouped by chunk, and the model view.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// One part per chunk, in document order (so their findings, shifted
    /// and concatenated, are sorted by position).
    pub parts: Vec<Part>,
    pub view: DocumentModel,
}

impl Analysis {
    /// Every finding with absolute ranges, sorted by position, then code.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::with_capacity(self.count());
        for p in &self.parts {
            out.extend(p.findings.iter().map(|f| f.shifted(p.start)));
        }
        out
    }

    /// How many findings there are.
    pub fn count(&self) -> usize {
        self.parts.iter().map(|p| p.findings.len()).sum()
    }
}

/// What a part was assembled from, to tell whether it can be reused.
struct PartInputs {
    /// Chunk-rule findings and document-rule per-chunk findings (held, so
    /// that pointer equality is sound).
    sources: Vec<Arc<Vec<Finding>>>,
    /// Other document-level findings in the chunk (chunk-relative).
    loose: Vec<Finding>,
    merged: Arc<Vec<Finding>>,
    /// The directives that applied (`Suppressions::key_for`).
    suppression_key: u64,
    /// The analysis run that last used the entry.
    last_run: u64,
}

/// The findings of every part that has none (one allocation, shared).
static NO_FINDINGS: std::sync::LazyLock<Arc<Vec<Finding>>> =
    std::sync::LazyLock::new(|| Arc::new(Vec::new()));

/// Runs analyses and keeps per-chunk results between them.
///
/// Results are keyed by chunk id, which changes whenever a chunk's text
/// does; call [`Analyzer::invalidate`] when the configuration changes.
/// The maps are updated in place: a keystroke in a document of tens of
/// thousands of chunks replaces one or two entries.
#[derive(Default)]
pub struct Analyzer {
    cache: IdMap<(u64, Arc<ChunkResult>)>,
    parts: IdMap<PartInputs>,
    /// Numbers the analysis runs; an entry whose `last_run` is not the
    /// current run belongs to a chunk that is gone.
    run: u64,
    /// What document rules keep about the whole document between analyses
    /// (e.g. `broken-link`'s anchor set and suggestions).
    doc_memo: Arc<ChunkMemo>,
    work: AnalysisWork,
    /// The analysis of the policy inside a wrapping fence (see
    /// [`crate::fenced_twin`]), while there is one.
    inner: Option<Box<Inner>>,
}

/// What an analyzer keeps about a twin between analyses.
struct Inner {
    /// The twin the cache belongs to ([`Twin::id`]).
    twin_id: u64,
    analyzer: Analyzer,
    /// The last part that got the `fenced-policy` finding, kept so that
    /// the part is the same allocation while its inputs do not change.
    merged: Option<MergedPart>,
}

/// The twin's part that holds the fence's opening line, merged with the
/// outer analysis's `fenced-policy` finding.
struct MergedPart {
    /// The twin's part as analysed (held, so pointer equality is sound).
    source: Arc<Vec<Finding>>,
    /// The `fenced-policy` finding, chunk-relative.
    fenced: Vec<Finding>,
    merged: Arc<Vec<Finding>>,
}

/// How much the last analysis recomputed: counts, not time, so a test can
/// hold the cost of a keystroke constant as documents grow
/// (`tests/complexity.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnalysisWork {
    /// Chunks whose chunk rules ran (the others were cached).
    pub chunks_analysed: usize,
    /// Parts whose findings were merged again (the others were reused).
    pub parts_merged: usize,
    /// Items document rules recomputed: links checked, suggestions
    /// searched, suppression directives read…
    pub doc_items: usize,
}

impl Analyzer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets cached results (configuration or "today" changed).
    pub fn invalidate(&mut self) {
        self.inner = None;
        self.cache.clear();
        self.parts.clear();
        self.doc_memo = Arc::default();
    }

    /// Analyses a document; findings are sorted by position, then code.
    /// What the last analysis recomputed.
    pub fn last_work(&self) -> AnalysisWork {
        self.work
    }

    pub fn analyze(&mut self, doc: &Document, options: &Options<'_>) -> Vec<Finding> {
        self.analyze_parts(doc, options).findings()
    }

    /// Analyses a document and also returns the whole-document model view
    /// (for hover, completion, symbols and other editor features).
    pub fn analyze_with_view(
        &mut self,
        doc: &Document,
        options: &Options<'_>,
    ) -> (Vec<Finding>, DocumentModel) {
        let analysis = self.analyze_parts(doc, options);
        (analysis.findings(), analysis.view)
    }

    /// Analyses a document, findings grouped by chunk: the text as it is,
    /// or, when a code fence wraps the policy, the policy inside it (see
    /// [`Analyzer::analyze_parts_with`]; the twin is built here and
    /// dropped: a caller that analyses edited versions keeps it instead).
    pub fn analyze_parts(&mut self, doc: &Document, options: &Options<'_>) -> Analysis {
        self.analyze_parts_with(doc, &mut None, options)
    }

    /// Analyses a document whose wrapping fence's twin (if it has one) is
    /// `twin`: the twin as given when it still blanks the fence the
    /// analysis finds, else a new one (or none, when nothing wraps the
    /// policy). The result is the twin's analysis (its findings and model,
    /// at the same offsets as in `doc`) with `doc`'s `fenced-policy`
    /// finding added to the part that holds the fence's opening line.
    pub fn analyze_parts_with(
        &mut self,
        doc: &Document,
        twin: &mut Option<Twin>,
        options: &Options<'_>,
    ) -> Analysis {
        let outer = self.analyze_parts_plain(doc, options);
        let Some(fence) = crate::rules::fenced_policy::wrapping_fence(&outer.view) else {
            *twin = None;
            self.inner = None;
            return outer;
        };
        let twin = match twin {
            Some(t) if t.matches(&fence) => t,
            slot => slot.insert(Twin::build(doc, &fence)),
        };
        let inner = match &mut self.inner {
            Some(inner) if inner.twin_id == twin.id() => inner,
            slot => slot.insert(Box::new(Inner {
                twin_id: twin.id(),
                analyzer: Analyzer::new(),
                merged: None,
            })),
        };
        let mut analysis = inner.analyzer.analyze_parts_plain(twin.document(), options);
        let outer_work = self.work;
        let inner_work = inner.analyzer.work;
        self.work = AnalysisWork {
            chunks_analysed: outer_work.chunks_analysed + inner_work.chunks_analysed,
            parts_merged: outer_work.parts_merged + inner_work.parts_merged,
            doc_items: outer_work.doc_items + inner_work.doc_items,
        };
        // The fenced-policy finding, as the outer analysis configured and
        // suppressed it: the twin cannot see the fence.
        let at = fence.opening.start;
        let fenced: Vec<Finding> = outer
            .parts
            .get(outer.view.chunk_index(at))
            .into_iter()
            .flat_map(|p| {
                p.findings
                    .iter()
                    .filter(|f| f.code == crate::rules::fenced_policy::META.code)
                    .map(|f| f.shifted(p.start))
            })
            .collect();
        let i = analysis.view.chunk_index(at);
        let Some(part) = analysis.parts.get_mut(i) else {
            return analysis;
        };
        let fenced: Vec<Finding> = fenced.iter().map(|f| f.relative_to(part.start)).collect();
        // The heading just above the fence (a generator's "## SECURITY.md")
        // heads a section whose content, in the file, is the fence: empty
        // only in the twin. The fence is the one cause, reported once.
        let opener = at.saturating_sub(part.start);
        let above = |f: &Finding| {
            f.code == crate::rules::empty_section::META.code && f.range.start < opener
        };
        if fenced.is_empty() && !part.findings.iter().any(above) {
            return analysis;
        }
        let reused = inner
            .merged
            .as_ref()
            .filter(|m| Arc::ptr_eq(&m.source, &part.findings) && m.fenced == fenced);
        part.findings = match reused {
            Some(m) => m.merged.clone(),
            None => {
                let mut all: Vec<Finding> = part
                    .findings
                    .iter()
                    .filter(|f| !above(f))
                    .cloned()
                    .collect();
                all.extend(fenced.iter().cloned());
                sort_findings(&mut all);
                let merged = Arc::new(all);
                inner.merged = Some(MergedPart {
                    source: part.findings.clone(),
                    fenced,
                    merged: merged.clone(),
                });
                merged
            }
        };
        analysis
    }

    /// Analyses a document as it is, findings grouped by chunk: a fence
    /// around the policy stays a code block. Chunk rules run only on chunks
    /// that are new since the last call; document rules run on every call
    /// but keep their per-chunk work in chunk memos.
    pub fn analyze_parts_plain(&mut self, doc: &Document, options: &Options<'_>) -> Analysis {
        self.run += 1;
        let run = self.run;
        let mut work = AnalysisWork::default();
        let chunks = doc.chunks();
        let mut placed = Vec::with_capacity(chunks.len());
        let mut results = Vec::with_capacity(chunks.len());
        let mut delta = crate::rules::ChunkDelta {
            run,
            ..Default::default()
        };
        for (i, chunk) in chunks.iter().enumerate() {
            let entry = self.cache.entry(chunk.id).or_insert_with(|| {
                work.chunks_analysed += 1;
                delta.added.push(i);
                (
                    run,
                    Arc::new(analyze_chunk(&chunk.text, &chunk.model, options)),
                )
            });
            entry.0 = run;
            let result = &entry.1;
            placed.push(PlacedChunk {
                start: chunk.start,
                text: chunk.text.clone(),
                model: result.model.clone(),
                memo: result.memo.clone(),
                id: chunk.id,
            });
            results.push(result.clone());
        }
        // Drop the chunks that are gone, so memory follows the document.
        if self.cache.len() > chunks.len() {
            self.cache.retain(|id, (last_run, _)| {
                let kept = *last_run == run;
                if !kept {
                    delta.removed.push(*id);
                }
                kept
            });
        }
        let view = DocumentModel::new(placed, doc.len());
        let cx = DocContext::new(&view, options)
            .with_doc_memo(self.doc_memo.clone())
            .with_delta(delta);
        let mut doc_findings = Vec::new();
        for rule in rules_on(Scope::Document, options.config) {
            rule.check_document(&cx, &mut doc_findings);
        }
        // Per-chunk findings of document rules, by chunk (a stable sort
        // keeps the rules' order within a chunk).
        let mut emitted = cx.take_chunk_findings();
        emitted.sort_by_key(|(i, _)| *i);
        let mut emitted = emitted.into_iter().peekable();
        let mut extra: Vec<Arc<Vec<Finding>>> = Vec::new();
        let suppressions = crate::suppress::Suppressions::of(&view, options);
        let mut loose: Vec<Vec<Finding>> = vec![Vec::new(); chunks.len()];
        for f in configure(doc_findings, options.config)
            .into_iter()
            .chain(suppressions.invalid.iter().cloned())
        {
            let i = view
                .chunk_index(f.range.start)
                .min(chunks.len().saturating_sub(1));
            if let Some(slot) = loose.get_mut(i) {
                slot.push(f.relative_to(chunks[i].start));
            }
        }
        let mut parts = Vec::with_capacity(chunks.len());
        for (i, chunk) in chunks.iter().enumerate() {
            let own = &results[i].findings;
            extra.clear();
            while let Some((_, found)) = emitted.next_if(|(k, _)| *k == i) {
                extra.push(found);
            }
            let extra = &extra;
            let loose = &mut loose[i];
            // Most chunks of a large document have nothing to keep.
            let nothing = own.is_empty() && extra.is_empty() && loose.is_empty();
            let reused = if nothing {
                None
            } else {
                self.parts.get_mut(&chunk.id)
            };
            let suppression_key = if suppressions.is_empty() {
                0
            } else {
                suppressions.key_for(chunk.start..chunk.start + chunk.text.len())
            };
            let reused = reused.filter(|prev| {
                prev.suppression_key == suppression_key
                    && prev.sources.len() == 1 + extra.len()
                    && Arc::ptr_eq(&prev.sources[0], own)
                    && prev.sources[1..]
                        .iter()
                        .zip(extra)
                        .all(|(a, b)| Arc::ptr_eq(a, b))
                    && prev.loose == *loose
            });
            let merged = match reused {
                _ if nothing => NO_FINDINGS.clone(),
                Some(prev) => {
                    prev.last_run = run;
                    prev.merged.clone()
                }
                None => {
                    work.parts_merged += 1;
                    let mut sources = Vec::with_capacity(1 + extra.len());
                    sources.push(own.clone());
                    sources.extend(extra.iter().cloned());
                    let loose = std::mem::take(loose);
                    let merged =
                        Arc::new(merge(&sources, &loose, chunk.start, &suppressions, options));
                    self.parts.insert(
                        chunk.id,
                        PartInputs {
                            sources,
                            loose,
                            suppression_key,
                            merged: merged.clone(),
                            last_run: run,
                        },
                    );
                    merged
                }
            };
            parts.push(Part {
                chunk_id: chunk.id,
                start: chunk.start,
                len: chunk.text.len(),
                findings: merged,
            });
        }
        if self.parts.len() > chunks.len() {
            self.parts.retain(|_, p| p.last_run == run);
        }
        work.doc_items = cx.work_count() + suppressions.parsed;
        self.work = work;
        Analysis { parts, view }
    }
}

/// One part's findings: its sources configured, suppressed and sorted.
fn merge(
    sources: &[Arc<Vec<Finding>>],
    loose: &[Finding],
    start: usize,
    suppressions: &crate::suppress::Suppressions,
    options: &Options<'_>,
) -> Vec<Finding> {
    let all = sources.iter().flat_map(|s| s.iter()).chain(loose).cloned();
    let mut out: Vec<Finding> = configure(all.collect(), options.config)
        .into_iter()
        .filter(|f| suppressions.is_empty() || suppressions.keeps(&f.shifted(start)))
        .collect();
    sort_findings(&mut out);
    out
}

/// Sorts a part's findings by position, then code.
fn sort_findings(out: &mut [Finding]) {
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
}

fn analyze_chunk(text: &str, model: &Arc<ChunkModel>, options: &Options<'_>) -> ChunkResult {
    let cx = ChunkContext {
        text,
        model,
        options,
    };
    let mut findings = Vec::new();
    for rule in rules_on(Scope::Chunk, options.config) {
        rule.check_chunk(&cx, &mut findings);
    }
    ChunkResult {
        model: model.clone(),
        findings: Arc::new(configure(findings, options.config)),
        memo: Arc::default(),
    }
}

/// The rules of `scope` that the configuration does not set to `off`.
fn rules_on(scope: Scope, config: &Config) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    RULES.iter().copied().filter(move |r| {
        let meta = r.meta();
        meta.scope == scope && config.level(meta.code, meta.default_severity) != RuleLevel::Off
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Date, NoFiles};
    use std::sync::Arc;

    #[test]
    fn an_edit_rebuilds_only_the_parts_it_touches() {
        let text = "# Policy\n\n## Reporting a Vulnerability\n\nEmail security@example.com.\n\n\
                    ## Other\n\nSee http://a.test/x.\n\n## Third\n\nEmail security@example.com.\n";
        let config = Config::default();
        let options = Options {
            config: &config,
            today: Date::from_ymd(2026, 1, 1).unwrap(),
            files: &NoFiles,
        };
        let mut doc = Document::new(text);
        let mut analyzer = Analyzer::new();
        let before = analyzer.analyze_parts(&doc, &options);
        // Type in the "Other" chunk.
        let at = text.find("See").unwrap();
        doc.edit(at..at, "x");
        let after = analyzer.analyze_parts(&doc, &options);
        assert_eq!(before.parts.len(), after.parts.len());
        let same: Vec<bool> = before
            .parts
            .iter()
            .zip(&after.parts)
            .map(|(a, b)| Arc::ptr_eq(&a.findings, &b.findings))
            .collect();
        // Parts without findings are empty vectors and may be rebuilt;
        // every part with findings except the edited one is reused.
        for (i, (a, s)) in before.parts.iter().zip(&same).enumerate() {
            let edited = a.start <= at && at < a.start + a.len;
            if edited {
                assert!(!s, "part {i} was edited");
            } else if !a.findings.is_empty() {
                assert!(s, "part {i} should be reused");
            }
        }
        let fresh = Analyzer::new().analyze(&Document::new(&doc.text()), &options);
        assert_eq!(after.findings(), fresh);
        assert!(after.count() >= 3, "{:?}", after.findings());
    }
}
