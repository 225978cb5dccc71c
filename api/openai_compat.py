"""An OpenAI-compatible face: ``GET /v1/models`` and ``POST /v1/chat/completions`` (streaming or not).

Chat front-ends, notebooks and agent frameworks that speak the OpenAI chat format can use the assistant
as a model named ``pni-reports``. The last user message is the question; the user and assistant
messages before it are the history (system messages are ignored: the assistant has its own rules).
The reply's content is the answer with [n] markers and a short "Sources" list; the structured
citations ride along in an extra ``citations`` field (the official clients keep unknown fields), with
``pni`` holding what /api/ask adds (abstained, query, writer, warnings).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.sse import EventSourceResponse, format_sse_event
from pydantic import BaseModel, ConfigDict, Field

from .answer import Assistant
from .errors import QuestionError
from .failures import error_body, failure
from .routes import get_assistant, require_key
from .schemas import MAX_QUESTION
from .types import Answer, Citation, Delta, Finished, Started

__all__ = ["router", "MODEL_ID", "sources_block"]

MODEL_ID = "pni-reports"
CREATED = 1_764_000_000  # fixed: the "model" is the index, not a release

router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], tags=["OpenAI-compatible"])


class TextPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[TextPart] | None = Field(default=None)

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text or "" for p in self.content if p.type in ("text", "input_text"))
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, max_tokens, ...: accepted, not used
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=100)
    stream: bool = False


def _question_and_history(body: ChatRequest) -> tuple[str, list[dict[str, str]]]:
    turns = [(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")]
    last_user = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=None)
    if last_user is None or not turns[last_user][1].strip():
        raise QuestionError("No question: the last user message is missing or empty.")
    question = turns[last_user][1].strip()
    if len(question) > MAX_QUESTION:
        raise QuestionError(f"The question is {len(question)} characters long: ask in at most {MAX_QUESTION}.")
    history = [{"role": role, "content": text} for role, text in turns[:last_user]]
    return question, history


def sources_block(citations: list[Citation]) -> str:
    """ "Sources:\\n[1] Title — Section (HEUNI, 2020, para. 11)" lines for the reply's content."""
    if not citations:
        return ""
    lines = []
    for c in citations:
        where = ", ".join(str(x) for x in (c.org, c.year, f"para. {c.paragraph}" if c.paragraph else None) if x)
        section = f" — {c.section}" if c.section else ""
        lines.append(f"[{c.n}] {c.title}{section}" + (f" ({where})" if where else ""))
    return "\n\nSources:\n" + "\n".join(lines)


def _extras(answer: Answer) -> dict[str, Any]:
    return {
        "citations": [asdict(c) for c in answer.citations],
        "pni": {
            "abstained": answer.abstained,
            "query": answer.query,
            "writer": answer.writer,
            "warnings": answer.warnings,
            "timings_ms": answer.timings_ms,
        },
    }


@router.get("/models")
def models() -> dict[str, Any]:
    """The one model: answers from the indexed reports."""
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "pni-assistant"}],
    }


@router.post(
    "/chat/completions",
    response_model=None,
    responses={
        200: {
            "description": "a chat.completion object, or with stream=true chat.completion.chunk events",
            "content": {"application/json": {}, "text/event-stream": {}},
        },
        401: {"description": "PNI_API_KEY is set and the request lacks it", "content": {"application/json": {}}},
        503: {"description": "no usable index, or too busy", "content": {"application/json": {}}},
    },
)
def chat_completions(
    body: ChatRequest, request: Request, assistant: Annotated[Assistant, Depends(get_assistant)]
) -> dict[str, Any] | EventSourceResponse:
    """The last user message answered from the reports; ``stream: true`` for chat.completion.chunk events."""
    question, history = _question_and_history(body)
    k = request.app.state.settings.k
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        return EventSourceResponse(_chunks(assistant, question, history, k, completion_id))
    answer = assistant.ask(question, history=history, k=k)
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.answer + sources_block(answer.citations)},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **_extras(answer),
    }


def _sse(data: Any) -> bytes:
    """One ``data:`` event; this response is built by hand, as the non-streaming reply shares the route."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return format_sse_event(data_str=text)


def _chunk(completion_id: str, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
    return _sse(
        {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
    )


def _chunks(
    assistant: Assistant, question: str, history: list[dict[str, str]], k: int, completion_id: str
) -> Iterator[bytes]:
    """role first, then content deltas, then the Sources list and the extras with finish_reason, then [DONE].
    A sync generator: Starlette iterates it in its thread pool, off the event loop."""
    yield _chunk(completion_id, {"role": "assistant", "content": ""})
    try:
        for event in assistant.stream(question, history=history, k=k):
            if isinstance(event, Delta):
                yield _chunk(completion_id, {"content": event.text})
            elif isinstance(event, Finished):
                yield _chunk(completion_id, {"content": sources_block(event.answer.citations)})
                yield _chunk(completion_id, {}, "stop", **_extras(event.answer))
            elif isinstance(event, Started):
                continue  # the citations travel with the last chunk, where OpenAI clients look for extras
    except Exception as exc:  # after the first chunk only the stream can say it: an error, then [DONE] as always
        message, status, error_id = failure(exc, "POST /v1/chat/completions")
        yield _sse(error_body("/v1/", message, status, error_id))
    yield _sse("[DONE]")
