"""`pni eval`: load the gold set and the index, run the systems side by side, report, gate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from api.answer import Assistant
from index.store import IndexStore

from .ablation import ablate, ablation_table
from .followups import followup_problems, followup_table
from .gold import (
    COLLECTION_DEV_FLOORS,
    COLLECTION_SPLITS,
    COLLECTION_TEST_FLOORS,
    DEFAULT_GOLD,
    DEV_FLOORS,
    SPLITS,
    in_files,
    load_gold,
    load_split,
    standalone_twins,
)
from .run import (
    REPORTS,
    Run,
    check_thresholds,
    evaluate,
    load_thresholds,
    split_table,
    summary_table,
    type_table,
    write_report,
)
from .systems import (
    SYSTEM_NAMES,
    AssistantSystem,
    ParagraphBM25System,
    System,
    TopChunkSystem,
    naive_langchain_system,
)

__all__ = ["run_eval", "SYSTEM_NAMES"]

_READING_NOTE = (
    "How to read it: ranks (hit@k, MRR) are over the passages a system returns as citations. The assistant "
    "returns only the passages it cites (usually 1-3), the baselines their top k retrieved passages, so a "
    "baseline's hit@5 looks at more passages. The baselines answer with their top passage and one [1] at its "
    "end: their other sentences are uncited (citation support) and their other k-1 sources are never referred "
    "to (citation validity). They never abstain."
)


_SPLIT_NOTE = (
    "Two splits. **dev** (eval/gold/gold.jsonl and dev-2.jsonl to dev-7.jsonl) is what the team tunes on. "
    "**test** (eval/gold/independent-1.jsonl "
    "and test-2.jsonl) was written by people who read only the reports, never the code, before the code that "
    "answers it; no rule or number is chosen on it, and the gate runs on it. The gap between the two is how "
    "much the system is fitted to our own phrasings. The bm25-paragraphs baseline is the 30-line script: "
    "BM25 over the raw paragraphs, the best one cut to 400 characters, refused below a score threshold "
    "calibrated on dev. **collection dev** and **collection test** (eval/gold/collection-*.jsonl) ask about 12 "
    "reports of eval/collection/ (invented, in the layouts users' collections hold: fiscal-year annual reports "
    "and a UN document as PDFs, web pages of other sites, Markdown and text, in four languages), written from those "
    "documents alone; the assistant answers them from an index of corpus/ and the collection together. Tune on "
    "collection dev only.\n\n"
)


_ABLATION_NOTE = (
    "Each row switches one part off in the assistant as served (same index, same answer composer). "
    "Fusion stays 1:1: BM25 alone or weighted 1:2 gains at most one rank-1 hit but refuses one "
    "unanswerable less and loses hit@5, and dense-heavy fusion loses answers. Institute resolution is "
    "the largest single part; year handling is what refuses years no report covers. The structure-aware "
    "boosts cost one rank-1 hit on this set and the mined acronyms change nothing: the institute-filtered "
    "candidate runs already bring an institute's chunks in, and no gold question uses a mined acronym the "
    "curated table lacks; both are kept for larger collections, and a question set exercising them is "
    "owed.\n"
)


_FOLLOWUP_NOTE = (
    'Each follow-up is asked twice: after its history ("Where is it based?" after a question on UNAFEI), '
    'and standalone with the referent spelled out ("Where is UNAFEI based?"). The gap is what resolving '
    "the follow-up loses; `pni eval` fails when it exceeds 5 points on hit@1, hit@5 or accuracy. The "
    "baselines search the follow-up as written.\n"
)


def _backend(store: object) -> str:
    return "FAISS + bm25s files" if isinstance(store, IndexStore) else "PostgreSQL + pgvector (PNI_DATABASE_URL)"


def run_eval(
    assistant: Assistant,
    out: Console,
    err: Console,
    gold: Path | None = None,
    systems: tuple[str, ...] = SYSTEM_NAMES,
    corpus: Path = Path("corpus"),
    report_dir: Path | None = REPORTS,
    ablations: bool = False,
    k: int = 5,
    collection: Assistant | None = None,
) -> int:
    """Evaluate on the dev and test splits (or on ``gold`` alone), print the tables, write the report
    (unless ``report_dir`` is None); the exit code: 1 when the assistant falls below a split's thresholds.
    ``collection``: the assistant over corpus/ and the test collection, asked the collection's own splits."""
    splits = {"gold": load_gold(gold)} if gold else {name: load_split(name) for name in SPLITS}
    store = assistant.store
    builders: dict[str, Callable[[], System]] = {
        "assistant": lambda: AssistantSystem(assistant, k),
        "dense": lambda: TopChunkSystem("dense", lambda q, n: store.dense.search(q, n), k),
        "bm25": lambda: TopChunkSystem("bm25", lambda q, n: store.bm25.search(q, n), k),
        "naive": lambda: naive_langchain_system([corpus], store.embedder, k),
        "bm25-paragraphs": lambda: _paragraph_baseline(corpus, k),
    }
    runners = [builders[name]() for name in systems]
    results: dict[str, list[Run]] = {}
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as bar:
        task = bar.add_task("evaluating", total=sum(len(items) for items in splits.values()) * len(runners))
        for split, items in splits.items():
            results[split] = evaluate(
                runners, items, on_item=lambda system, _: bar.update(task, advance=1, description=f"{system:15}")
            )
    if collection is not None:
        system = AssistantSystem(collection, k)
        asked = {split: load_split(split) for split in COLLECTION_SPLITS}
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as bar:
            task = bar.add_task("the test collection", total=sum(len(items) for items in asked.values()))
            for split, items in asked.items():
                results[split] = evaluate([system], items, on_item=lambda *_: bar.update(task, advance=1))
    for split, runs in results.items():
        out.print(f"\n{split} split, every system:", style="bold")
        out.print(summary_table(runs), markup=False)
        out.print(f"\n{split} split, {runs[0].system} per question type:", style="bold")
        out.print(type_table(runs[0]), markup=False)
    if len(results) > 1:
        out.print("\nevery split side by side:", style="bold")
        out.print(split_table(results), markup=False)
    tuned = next(iter(splits))  # the follow-up gap and the ablations are for tuning: dev (or the one set)
    twins = evaluate(runners, standalone_twins(splits[tuned]))
    table = followup_table(results[tuned], twins)
    out.print(f"\nfollow-ups of {tuned}, with history and standalone:", style="bold")
    out.print(table, markup=False)
    extra = f"## Follow-ups ({tuned}): with history vs the same questions standalone\n\n{table}\n\n{_FOLLOWUP_NOTE}"
    if ablations and not isinstance(store, IndexStore):
        err.print("ablations rebuild the index in memory from the file index: unset PNI_DATABASE_URL to run them")
    elif ablations and isinstance(store, IndexStore):
        english = [i for i in splits[tuned] if i.lang == "en"]
        table = ablation_table(ablate(store, english, k))
        out.print(f"\nablations ({tuned}, questions in English):", style="bold")
        out.print(table, markup=False)
        extra += f"\n## Ablations ({tuned}): one component off at a time (questions in English)\n\n{table}\n\n"
        extra += _ABLATION_NOTE
    if report_dir is not None:
        counts = "; ".join(f"{split}: {len(items)} questions" for split, items in splits.items())
        note = (
            f"{counts}; {store.manifest.chunks} chunks, model {store.manifest.model}"
            f"{', multilingual ' + store.manifest.multilingual_model if store.manifest.multilingual_model else ''}; "
            f"k = {k}; index: {_backend(store)}. Latencies are from this one run, on this machine.\n\n"
            f"{_SPLIT_NOTE if len(splits) > 1 else ''}{_READING_NOTE}"
        )
        md, png = write_report(results, report_dir, note, extra)
        out.print(f"\nreport: {md}  chart: {png}")
    problems: list[str] = []
    if results[tuned][0].system == "assistant":
        own = results[tuned][0]
        if "dev" in results:  # the language floors are gold.jsonl's; the dev split's files have their own
            for table, files in DEV_FLOORS.items():
                problems += check_thresholds(own.subset(in_files(files)), load_thresholds(split=table))
            own = own.subset(lambda item: item.source == DEFAULT_GOLD.name)
        problems += check_thresholds(own, load_thresholds()) + followup_problems(results[tuned][0], twins[0])
        if "test" in results:
            problems += check_thresholds(results["test"][0], load_thresholds(split="test"))
        if "collection dev" in results:  # like the dev split: each batch of questions has floors of its own
            collection_dev = results["collection dev"][0]
            for table, files in COLLECTION_DEV_FLOORS.items():
                problems += check_thresholds(collection_dev.subset(in_files(files)), load_thresholds(split=table))
        if "collection test" in results:
            collection_test = results["collection test"][0]
            for table, files in COLLECTION_TEST_FLOORS.items():
                problems += check_thresholds(collection_test.subset(in_files(files)), load_thresholds(split=table))
    for problem in problems:
        err.print(f"[bold red]below threshold:[/] {problem}", markup=True)
    return 1 if problems else 0


def _paragraph_baseline(corpus: Path, k: int) -> ParagraphBM25System:
    """The BM25-over-paragraphs script, its refusal threshold calibrated on the dev split only."""
    system = ParagraphBM25System([corpus], k)
    system.calibrate(load_split("dev"))
    return system
