//! The engine: runs the rules over a [`Document`], caching per-chunk work.

use crate::config::{Config, RuleLevel};
use crate::fenced_twin::Twin;
use crate::finding::Finding;
use crate::memo::ChunkMemo;
use crate::model::{ChunkModel, DocumentModel, PlacedChunk};
use crate::options::Options;
use crate::rules::{ChunkContext, DocContext, Rule, Scope, RULES};
use crate::syntax::Document;
use std::sync::Arc;

/// The findings that start in one chunk, chunk-relative and sorted (never
/// empty: chunks without findings have no part).
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
    /// One part per chunk with findings, in document order (so their
    /// findings, shifted and concatenated, are sorted by position). Chunks
    /// without findings have none: a keystroke in a document of tens of
    /// thousands of chunks builds and walks the few that have findings.
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

    /// The part of the chunk holding `offset`, if that chunk has findings.
    pub fn part_at(&self, offset: usize) -> Option<&Part> {
        let start = self.view.chunks().get(self.view.chunk_index(offset))?.start;
        let k = self.parts.partition_point(|p| p.start < start);
        self.parts.get(k).filter(|p| p.start == start)
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
    suppression_key: crate::suppress::SuppressionKey,
}

/// What the analyzer keeps about one chunk of the previous analysis, at
/// the chunk's index (beside its [`PlacedChunk`]).
#[derive(Default)]
struct Kept {
    /// Its chunk-rule findings (configured, chunk-relative); `None` when
    /// there are none, as for most chunks, so that the walk over the parts
    /// reads this vector only.
    own: Option<Arc<Vec<Finding>>>,
    /// What its part was merged from, while it has findings.
    part: Option<Box<PartInputs>>,
}

/// A chunk whose `Kept` holds findings or a part, with its last part, in
/// one contiguous list: a keystroke reuses the parts of the chunks it did
/// not change from here, without reading their chunks or `Kept`s (a cache
/// miss or two each, in a document with thousands of findings).
#[derive(Clone)]
struct Active {
    /// The chunk's index.
    index: usize,
    id: u64,
    start: usize,
    len: usize,
    /// Its last part's findings (maybe none, all suppressed); `None` for a
    /// chunk in the range an edit replaced: its part is merged or reused
    /// from its `Kept`.
    merged: Option<Arc<Vec<Finding>>>,
    /// Whether that part came from the chunk rules' findings alone: it
    /// stays while no document rule reports in the chunk and the
    /// directives in reach do not change.
    own_only: bool,
    /// Whether no directive reached it then.
    keyless: bool,
}

/// The findings of every part that has none (one allocation, shared).
static NO_FINDINGS: std::sync::LazyLock<Arc<Vec<Finding>>> =
    std::sync::LazyLock::new(|| Arc::new(Vec::new()));

/// Runs analyses and keeps per-chunk results between them.
///
/// What it keeps is aligned with the chunks of the document it analysed
/// last: `placed[i]` and `kept[i]` belong to that document's chunk `i`. A
/// chunk's id changes whenever its text does, so the next analysis finds
/// what an edit changed by comparing ids from both ends (a contiguous scan,
/// where looking every chunk up in a map was most of a keystroke in a
/// document of tens of thousands of chunks) and splices in the new chunks
/// only. Call [`Analyzer::invalidate`] when the configuration changes.
#[derive(Default)]
pub struct Analyzer {
    /// The chunks as placed in the last analysis's view. The view shares
    /// this vector: once the caller has dropped it, the next analysis
    /// updates it in place; while the caller keeps it (the server keeps
    /// the last view for hover), the first change copies it.
    placed: Arc<Vec<PlacedChunk>>,
    /// The indexes of the placed chunks that hold a heading, shared with
    /// the view like `placed` (see `DocumentModel::headed_from`).
    headed: Arc<Vec<usize>>,
    /// Per chunk, beside `placed`.
    kept: Vec<Kept>,
    /// The chunks whose `kept` holds findings or a part, in order: the
    /// only ones a part can come from, besides those document rules and
    /// directives report in (moved with the chunks, like `kept`).
    active: Vec<Active>,
    /// The day of the last analysis if its directives all lay in their
    /// own chunks (see `Suppressions::reach_other_chunks`): then those in
    /// reach of an unchanged chunk, and of the chunk after it, are the
    /// same as long as that still holds.
    local_directives: Option<crate::model::Date>,
    /// The suppression directives, placed (updated like `placed`).
    suppress: crate::suppress::SuppressIndex,
    /// Numbers the analysis runs (see [`crate::rules::ChunkDelta::run`]).
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
    /// Chunks whose kept document state (suppression directives, rules'
    /// chunk lists and tallies) was placed or read again: those the edit
    /// replaced, unless some state was rebuilt over every chunk.
    pub chunks_revisited: usize,
}

impl Analyzer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets cached results (configuration or "today" changed).
    pub fn invalidate(&mut self) {
        self.inner = None;
        self.placed = Arc::default();
        self.headed = Arc::default();
        self.kept.clear();
        self.active.clear();
        self.local_directives = None;
        self.suppress = Default::default();
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
            chunks_revisited: outer_work.chunks_revisited + inner_work.chunks_revisited,
        };
        // The fenced-policy finding, as the outer analysis configured and
        // suppressed it: the twin cannot see the fence.
        let at = fence.opening.start;
        let fenced: Vec<Finding> = outer
            .part_at(at)
            .into_iter()
            .flat_map(|p| {
                p.findings
                    .iter()
                    .filter(|f| f.code == crate::rules::fenced_policy::META.code)
                    .map(|f| f.shifted(p.start))
            })
            .collect();
        let Some(chunk) = analysis.view.chunks().get(analysis.view.chunk_index(at)) else {
            return analysis;
        };
        let (chunk_id, chunk_start, chunk_len) = (chunk.id, chunk.start, chunk.text.len());
        let k = analysis.parts.partition_point(|p| p.start < chunk_start);
        if analysis.parts.get(k).is_none_or(|p| p.start != chunk_start) {
            if fenced.is_empty() {
                return analysis;
            }
            // The chunk has no findings of its own: a part for the fence's.
            analysis.parts.insert(
                k,
                Part {
                    chunk_id,
                    start: chunk_start,
                    len: chunk_len,
                    findings: NO_FINDINGS.clone(),
                },
            );
        }
        let part = &mut analysis.parts[k];
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
        if part.findings.is_empty() {
            // Only the heading above the fence had a finding.
            analysis.parts.remove(k);
        }
        analysis
    }

    /// Analyses a document as it is, findings grouped by chunk: a fence
    /// around the policy stays a code block. Chunk rules run only on chunks
    /// that are new since the last call; document rules run on every call
    /// but keep their per-chunk work in chunk memos.
    pub fn analyze_parts_plain(&mut self, doc: &Document, options: &Options<'_>) -> Analysis {
        self.run += 1;
        let mut work = AnalysisWork::default();
        let chunks = doc.chunks();
        let (delta, change) = self.follow(chunks, options, &mut work);
        let view = DocumentModel::shared_with(self.placed.clone(), doc.len(), self.headed.clone());
        let cx = DocContext::new(&view, options)
            .with_doc_memo(self.doc_memo.clone())
            .with_delta(delta);
        let doc_findings = run_document_rules(&cx, options.config);
        // Per-chunk findings of document rules, by chunk (a stable sort
        // keeps the rules' order within a chunk).
        let mut emitted = cx.take_chunk_findings();
        emitted.sort_by_key(|(i, _)| *i);
        let suppressions = self.suppress.update(&view, options, &change);
        // Other document findings, chunk-relative, by chunk (few: a list
        // walked beside the chunks, not a vector per chunk).
        let last = chunks.len().saturating_sub(1);
        let mut loose: Vec<(usize, Finding)> = configure(doc_findings, options.config)
            .into_iter()
            .chain(suppressions.invalid.iter().cloned())
            .filter_map(|f| {
                let i = view.chunk_index(f.range.start).min(last);
                let chunk = chunks.get(i)?;
                Some((i, f.relative_to(chunk.start)))
            })
            .collect();
        loose.sort_by_key(|(i, _)| *i);
        // The chunks that can have findings: those that had some or have
        // chunk-rule findings (`active`), and those document rules and
        // directives gave findings now. The others have none and are not
        // visited (tens of thousands in a large document).
        let mut emitted = emitted.into_iter().peekable();
        let mut loose = loose.into_iter().peekable();
        let mut held = std::mem::take(&mut self.active).into_iter().peekable();
        let mut extra: Vec<Arc<Vec<Finding>>> = Vec::new();
        let mut here: Vec<Finding> = Vec::new();
        let mut active = Vec::with_capacity(held.len());
        let mut parts = Vec::new();
        let quiet = suppressions.is_empty();
        let local = !suppressions.reach_other_chunks();
        // The directives in reach of the chunks an edit did not change (nor
        // the chunk after) are the same as last time.
        let stable = local && self.local_directives == Some(options.today);
        loop {
            let next = [
                held.peek().map(|a| a.index),
                emitted.peek().map(|(i, _)| *i),
                loose.peek().map(|(i, _)| *i),
            ];
            let Some(i) = next.into_iter().flatten().min() else {
                break;
            };
            let entry = held.next_if(|a| a.index == i);
            extra.clear();
            while let Some((_, found)) = emitted.next_if(|(k, _)| *k == i) {
                extra.push(found);
            }
            here.clear();
            while let Some((_, f)) = loose.next_if(|(k, _)| *k == i) {
                here.push(f);
            }
            // Most parts of a large document: unchanged, from their chunk
            // rules alone.
            if let Some(a) = entry.filter(|a| {
                a.own_only
                    && a.merged.is_some()
                    && extra.is_empty()
                    && here.is_empty()
                    && (stable
                        || a.keyless
                            && (quiet || suppressions.key_matches(a.start..a.start + a.len, &[])))
            }) {
                if let Some(merged) = a.merged.as_ref().filter(|m| !m.is_empty()) {
                    parts.push(Part {
                        chunk_id: a.id,
                        start: a.start,
                        len: a.len,
                        findings: merged.clone(),
                    });
                }
                active.push(a);
                continue;
            }
            let (Some(chunk), Some(kept)) = (chunks.get(i), self.kept.get_mut(i)) else {
                continue;
            };
            let merged = match &kept.own {
                None if extra.is_empty() && here.is_empty() => {
                    kept.part = None;
                    continue;
                }
                own => {
                    let own = own.as_ref().unwrap_or(&NO_FINDINGS);
                    let range = chunk.start..chunk.start + chunk.text.len();
                    let reused = kept.part.as_ref().filter(|prev| {
                        prev.sources.len() == 1 + extra.len()
                            && Arc::ptr_eq(&prev.sources[0], own)
                            && prev.sources[1..]
                                .iter()
                                .zip(&extra)
                                .all(|(a, b)| Arc::ptr_eq(a, b))
                            && prev.loose == here
                            && suppressions.key_matches(range.clone(), &prev.suppression_key)
                    });
                    match reused {
                        Some(prev) => prev.merged.clone(),
                        None => {
                            work.parts_merged += 1;
                            let mut sources = Vec::with_capacity(1 + extra.len());
                            sources.push(own.clone());
                            sources.extend(extra.iter().cloned());
                            let loose = std::mem::take(&mut here);
                            let merged = Arc::new(merge(
                                &sources,
                                &loose,
                                chunk.start,
                                &suppressions,
                                options,
                            ));
                            kept.part = Some(Box::new(PartInputs {
                                sources,
                                loose,
                                suppression_key: suppressions.key_for(range),
                                merged: merged.clone(),
                            }));
                            merged
                        }
                    }
                }
            };
            let own_only = kept
                .part
                .as_ref()
                .is_some_and(|p| p.sources.len() == 1 && p.loose.is_empty());
            let keyless = kept
                .part
                .as_ref()
                .is_some_and(|p| p.suppression_key.is_empty());
            active.push(Active {
                index: i,
                id: chunk.id,
                start: chunk.start,
                len: chunk.text.len(),
                merged: Some(merged.clone()),
                own_only,
                keyless,
            });
            if !merged.is_empty() {
                parts.push(Part {
                    chunk_id: chunk.id,
                    start: chunk.start,
                    len: chunk.text.len(),
                    findings: merged,
                });
            }
        }
        self.active = active;
        self.local_directives = local.then_some(options.today);
        debug_assert!(self
            .kept
            .iter()
            .enumerate()
            .filter(|(_, k)| k.own.is_some() || k.part.is_some())
            .map(|(i, _)| i)
            .eq(self.active.iter().map(|a| a.index)));
        debug_assert!(self.active.iter().all(|a| chunks
            .get(a.index)
            .is_some_and(|c| c.id == a.id && c.start == a.start)));
        work.doc_items = cx.work_count() + suppressions.parsed;
        work.chunks_revisited = cx.visit_count() + suppressions.visited;
        self.work = work;
        Analysis { parts, view }
    }

    /// Brings `placed` and `kept` in line with `chunks`, running the chunk
    /// rules on the chunks that are new, and says which came and went.
    ///
    /// The chunks an edit changed lie between a prefix and a suffix whose
    /// ids did not change; between them, a chunk may still be an old one
    /// (ids are unique and never reused), looked up among the old chunks of
    /// that range only.
    fn follow(
        &mut self,
        chunks: &[crate::syntax::Chunk],
        options: &Options<'_>,
        work: &mut AnalysisWork,
    ) -> (crate::rules::ChunkDelta, crate::suppress::ChangedRange) {
        let mut delta = crate::rules::ChunkDelta {
            run: self.run,
            ..Default::default()
        };
        let placed = Arc::make_mut(&mut self.placed);
        let (old_n, n) = (placed.len(), chunks.len());
        let both = old_n.min(n);
        let prefix = placed
            .iter()
            .zip(chunks)
            .take_while(|(p, c)| p.id == c.id)
            .count();
        let start = |p: Option<&PlacedChunk>, len| p.map_or(len, |p| p.start);
        let old_len = placed.last().map_or(0, |p| p.end());
        let from = start(placed.get(prefix), old_len);
        // The unchanged chunks after the change moved with it: placed at
        // their new starts in the same pass that finds them.
        let mut suffix = 0;
        for (p, c) in placed[prefix..]
            .iter_mut()
            .rev()
            .zip(chunks[prefix..].iter().rev())
            .take(both - prefix)
        {
            if p.id != c.id {
                break;
            }
            p.start = c.start;
            suffix += 1;
        }
        let (old_end, new_end) = (old_n - suffix, n - suffix);
        (delta.from, delta.old_to, delta.new_to) = (prefix, old_end, new_end);
        let new_len = chunks.last().map_or(0, |c| c.end());
        let new_to = chunks.get(new_end).map_or(new_len, |c| c.start);
        let change = crate::suppress::ChangedRange {
            from,
            // What follows the change is the same text, moved by the
            // change in length.
            old_to: new_to + old_len - new_len,
            new_to,
            chunks: prefix..new_end,
        };
        if prefix < old_end || prefix < new_end {
            let mut old: crate::id_map::IdMap<(PlacedChunk, Kept)> = placed[prefix..old_end]
                .iter()
                .cloned()
                .zip(self.kept[prefix..old_end].iter_mut().map(std::mem::take))
                .map(|(p, k)| (p.id, (p, k)))
                .collect();
            let mut new_placed = Vec::with_capacity(new_end - prefix);
            let mut new_kept = Vec::with_capacity(new_end - prefix);
            for (i, chunk) in chunks.iter().enumerate().take(new_end).skip(prefix) {
                let (p, k) = old.remove(&chunk.id).unwrap_or_else(|| {
                    work.chunks_analysed += 1;
                    delta.added.push(i);
                    let own = analyze_chunk(&chunk.text, &chunk.model, options);
                    let placed = PlacedChunk {
                        start: chunk.start,
                        text: chunk.text.clone(),
                        model: chunk.model.clone(),
                        memo: Arc::default(),
                        id: chunk.id,
                    };
                    let own = (!own.is_empty()).then(|| Arc::new(own));
                    (placed, Kept { own, part: None })
                });
                new_placed.push(p);
                new_kept.push(k);
            }
            // The ids of the chunks that are gone, in document order.
            delta.removed = placed[prefix..old_end]
                .iter()
                .map(|p| p.id)
                .filter(|id| old.contains_key(id))
                .collect();
            // The active chunks: those of the new range that hold
            // something (their parts to be merged or taken from `Kept`),
            // and the others, moved by the change in number and length.
            let lo = self.active.partition_point(|a| a.index < prefix);
            let hi = self.active.partition_point(|a| a.index < old_end);
            let shift = new_end.wrapping_sub(old_end);
            let moved = change.new_to.wrapping_sub(change.old_to);
            if shift != 0 || moved != 0 {
                for a in &mut self.active[hi..] {
                    a.index = a.index.wrapping_add(shift);
                    a.start = a.start.wrapping_add(moved);
                }
            }
            let now = new_kept
                .iter()
                .enumerate()
                .filter(|(_, k)| k.own.is_some() || k.part.is_some())
                .map(|(k, _)| {
                    let c = &chunks[prefix + k];
                    Active {
                        index: prefix + k,
                        id: c.id,
                        start: c.start,
                        len: c.text.len(),
                        merged: None,
                        own_only: false,
                        keyless: false,
                    }
                });
            self.active.splice(lo..hi, now);
            // The chunk before the change: a directive at the start of the
            // chunk after it is in its reach.
            if let Some(a) = lo.checked_sub(1).and_then(|k| self.active.get_mut(k)) {
                if a.index + 1 == prefix {
                    a.merged = None;
                }
            }
            // Equal lengths (the usual keystroke) move nothing after them.
            placed.splice(prefix..old_end, new_placed);
            self.kept.splice(prefix..old_end, new_kept);
            let headed = Arc::make_mut(&mut self.headed);
            let lo = headed.partition_point(|&i| i < prefix);
            let hi = headed.partition_point(|&i| i < old_end);
            if shift != 0 {
                for i in &mut headed[hi..] {
                    *i = i.wrapping_add(shift);
                }
            }
            headed.splice(lo..hi, crate::model::headed_chunks(placed, prefix..new_end));
        }
        // The old chunks found again inside the change moved with it too.
        for (p, c) in placed[prefix..new_end]
            .iter_mut()
            .zip(&chunks[prefix..new_end])
        {
            p.start = c.start;
        }
        debug_assert!(placed
            .iter()
            .zip(chunks)
            .all(|(p, c)| p.id == c.id && p.start == c.start));
        (delta, change)
    }
}

/// One part's findings: its sources configured, suppressed and sorted.
fn merge(
    sources: &[Arc<Vec<Finding>>],
    loose: &[Finding],
    start: usize,
    suppressions: &crate::suppress::Suppressions<'_>,
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

/// Below this many new chunks (an edit adds one or two) the document rules
/// run on the calling thread: their work is proportional to the new chunks,
/// and spawning threads would cost more than it saves.
const PARALLEL_DOC_RULES_MIN_CHUNKS: usize = 256;

/// Runs the document rules over `cx`. When many chunks are new (opening a
/// large document), the rules are spread over the available cores, each
/// on its own fork of `cx`; their findings come back in rule order, so the
/// result equals a run on one thread. (Opening the CLI's 10 MB benchmark
/// document spent 0.75 s in these rules on one core.)
fn run_document_rules(cx: &DocContext<'_>, config: &Config) -> Vec<Finding> {
    let rules: Vec<&'static dyn Rule> = rules_on(Scope::Document, config).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let new_chunks = cx.delta().map_or(usize::MAX, |d| d.added.len());
    if threads < 2 || new_chunks < PARALLEL_DOC_RULES_MIN_CHUNKS {
        run_serially(cx, &rules)
    } else {
        run_in_parallel(cx, &rules, threads)
    }
}

/// Runs `rules` one after the other on this thread.
fn run_serially(cx: &DocContext<'_>, rules: &[&'static dyn Rule]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules {
        rule.check_document(cx, &mut findings);
    }
    findings
}

/// Runs `rules` on `threads` threads, each rule on its own fork of `cx`,
/// and merges their results in rule order: the same findings, per-chunk
/// findings and counts as [`run_serially`].
fn run_in_parallel(
    cx: &DocContext<'_>,
    rules: &[&'static dyn Rule],
    threads: usize,
) -> Vec<Finding> {
    // One slot per rule, taken by whichever thread gets there first.
    let slots: Vec<std::sync::Mutex<(DocContext<'_>, Vec<Finding>)>> = rules
        .iter()
        .map(|_| std::sync::Mutex::new((cx.fork(), Vec::new())))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(rules.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let (Some(rule), Some(slot)) = (rules.get(i), slots.get(i)) else {
                    break;
                };
                // Each slot is locked by one thread only: never contended.
                let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
                let (fork, out) = &mut *slot;
                rule.check_document(fork, out);
            });
        }
    });
    let mut findings = Vec::new();
    for slot in slots {
        let (fork, out) = slot.into_inner().unwrap_or_else(|e| e.into_inner());
        cx.absorb(fork);
        findings.extend(out);
    }
    findings
}

/// The chunk rules' findings for one chunk (configured, chunk-relative).
fn analyze_chunk(text: &str, model: &Arc<ChunkModel>, options: &Options<'_>) -> Vec<Finding> {
    let cx = ChunkContext {
        text,
        model,
        options,
    };
    let mut findings = Vec::new();
    for rule in rules_on(Scope::Chunk, options.config) {
        rule.check_chunk(&cx, &mut findings);
    }
    configure(findings, options.config)
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

    /// A policy of `sections` sections with findings of several document
    /// rules in each: placeholders, broken anchors, an overdue review, a
    /// public channel, a duplicate heading.
    fn many_sections(sections: usize) -> String {
        let mut text = String::from("# Security Policy\n\nNext review: 2020-01-01.\n\n");
        for i in 0..sections {
            text.push_str(&format!(
                "## Section {}\n\nMail security@yourcompany.com or open an issue. \
                 See [here](#section-{}) and [there](#nowhere-{i}).\n\n",
                i % 7,
                i + 1
            ));
        }
        text
    }

    #[test]
    fn document_rules_give_the_same_results_on_one_thread_or_many() {
        let config = Config::default();
        let options = Options {
            config: &config,
            today: Date::from_ymd(2026, 1, 1).unwrap(),
            files: &NoFiles,
        };
        let doc = Document::new(&many_sections(300));
        let mut analyzer = Analyzer::new();
        analyzer.analyze_parts(&doc, &options);
        let view = DocumentModel::shared(analyzer.placed.clone(), doc.len());
        let rules: Vec<&'static dyn Rule> = rules_on(Scope::Document, &config).collect();
        let results = |threads: usize| {
            let cx = DocContext::new(&view, &options);
            let findings = if threads == 1 {
                run_serially(&cx, &rules)
            } else {
                run_in_parallel(&cx, &rules, threads)
            };
            let per_chunk: Vec<(usize, Vec<Finding>)> = cx
                .take_chunk_findings()
                .into_iter()
                .map(|(i, f)| (i, f.to_vec()))
                .collect();
            (findings, per_chunk, cx.work_count(), cx.visit_count())
        };
        let serial = results(1);
        assert!(serial.0.len() + serial.1.len() > 300, "{serial:?}");
        for threads in [2, 3, 8] {
            assert_eq!(results(threads), serial, "{threads} threads");
        }
    }

    #[test]
    fn opening_a_large_document_equals_reaching_it_by_edits() {
        let config = Config::default();
        let options = Options {
            config: &config,
            today: Date::from_ymd(2026, 1, 1).unwrap(),
            files: &NoFiles,
        };
        // Opened whole: every chunk is new, so document rules run in
        // parallel. Reached by edits that each add fewer new chunks than
        // that: serially.
        let text = many_sections(2 * PARALLEL_DOC_RULES_MIN_CHUNKS);
        let opened = Analyzer::new().analyze(&Document::new(&text), &options);
        let section_start = |i: usize| {
            let link = text.find(&format!("(#section-{})", i + 1)).unwrap();
            text[..link].rfind("## ").unwrap()
        };
        let step = PARALLEL_DOC_RULES_MIN_CHUNKS - 56;
        let mut doc = Document::new(&text[..section_start(step)]);
        let mut analyzer = Analyzer::new();
        let mut edited = analyzer.analyze(&doc, &options);
        for cut in (2 * step..2 * PARALLEL_DOC_RULES_MIN_CHUNKS)
            .step_by(step)
            .map(section_start)
            .chain([text.len()])
        {
            let end = doc.len();
            doc.edit(end..end, &text[end..cut]);
            edited = analyzer.analyze(&doc, &options);
            assert!(analyzer.last_work().chunks_analysed < PARALLEL_DOC_RULES_MIN_CHUNKS);
        }
        assert_eq!(doc.text(), text);
        assert_eq!(edited, opened);
    }

    #[test]
    fn parts_follow_directives_added_and_removed_in_unchanged_neighbours() {
        // Next-line directives only (each in its own chunk): unchanged
        // parts are reused without reading their directives again.
        let mut text = String::from("# Policy\n\nEmail security@example.com.\n\n");
        for i in 0..12 {
            text.push_str(&format!("## Part {i}\n\nSee http://a.test/{i}.\n\n"));
            if i % 3 == 0 {
                text.push_str(&format!(
                    "<!-- secmd-disable-next-line insecure-link -->\nSee http://b.test/{i}.\n\n"
                ));
            }
        }
        let config = Config::default();
        let options = Options {
            config: &config,
            today: Date::from_ymd(2026, 1, 1).unwrap(),
            files: &NoFiles,
        };
        let mut doc = Document::new(&text);
        let mut analyzer = Analyzer::new();
        analyzer.analyze_parts(&doc, &options);
        const DIRECTIVE: &str = "<!-- secmd-disable-next-line insecure-link -->\n";
        type Step = Box<dyn Fn(&str) -> (std::ops::Range<usize>, String)>;
        let steps: Vec<Step> = vec![
            // A DIRECTIVE above a link of the middle part, then typing
            // after it, then its removal; the same around the first part.
            Box::new(|t| {
                let at = t.find("See http://a.test/6").unwrap();
                (at..at, DIRECTIVE.to_string())
            }),
            Box::new(|t| {
                let at = t.find("## Part 7").unwrap() + 3;
                (at..at, "x".to_string())
            }),
            Box::new(|t| {
                let at = t.find(DIRECTIVE).unwrap();
                (at..at + DIRECTIVE.len(), String::new())
            }),
            Box::new(|t| {
                let at = t.find("## Part 1\n").unwrap();
                (at..at, format!("{DIRECTIVE}\n"))
            }),
            Box::new(|t| {
                let at = t.find("See http://a.test/0").unwrap() + 4;
                (at..at, "y".to_string())
            }),
            Box::new(|t| {
                let at = t.find("<!-- secmd-disable-next-line").unwrap();
                (at..at + 4, String::new())
            }),
        ];
        for step in steps {
            let (range, new) = step(&doc.text());
            doc.edit(range, &new);
            let got = analyzer.analyze_parts(&doc, &options).findings();
            let fresh = Analyzer::new().analyze(&Document::new(&doc.text()), &options);
            assert_eq!(got, fresh, "after editing to:\n{}", doc.text());
        }
    }
}
