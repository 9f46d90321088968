"""Analysts' corrections of a document's unit tasks and metadata, made when reviewing it (page "Dữ liệu").

data/curated/reviewed_tasks.yaml holds, per document, the full corrected task list, used by the build instead of the
extracted one; data/curated/reviewed_metadata.yaml holds, per document (keyed by file name), the metadata fields an
analyst changed, applied over the extracted metadata. Both are checked on every build; errors name `file:line`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .documents import DOC_TYPES
from .errors import InputError
from .extract import ExtractedDocument
from .reference import Reference, StrictLoader, nfc

TASKS_FILE = "reviewed_tasks.yaml"
METADATA_FILE = "reviewed_metadata.yaml"
ROLES = ["chủ trì", "phối hợp", "chỉ đạo", "tham mưu", "hướng dẫn", "thực hiện"]
LEVELS = ["province", "department", "ward", "central"]
DOC_TYPE_NAMES = list(dict.fromkeys(DOC_TYPES.values()))
TASK_FIELDS = ["unit_name", "parent_unit", "role", "category", "task_text"]
META_FIELDS = ["doc_type", "title", "issuer", "issuer_level", "area_code", "issued_on", "signer"]
TASKS_HEADER = ("# Unit tasks corrected by an analyst on review (page \"Dữ liệu\"): for each document, the full task list\n"
                "# the build uses instead of the extracted one. role: " + ", ".join(ROLES) + "; category: a code of\n"
                "# data/reference task categories or khac.\n")
METADATA_HEADER = ("# Document metadata corrected by an analyst on review (page \"Dữ liệu\"): file name -> the fields that\n"
                   "# replace the extracted ones (doc_type, title, issuer, issuer_level, area_code, issued_on, signer).\n")


@dataclass(frozen=True)
class ReviewedTask:
    unit_name: str
    parent_unit: str | None
    role: str
    category: str
    task_text: str


def category_codes(reference: Reference) -> list[str]:
    return [c.code for c in reference.task_categories] + ["khac"]


def check_task(task: ReviewedTask, reference: Reference) -> None:
    """Raises InputError (without a place) when a task cannot be used."""
    if not task.unit_name:
        raise InputError("thiếu tên đơn vị (unit_name)")
    if task.role not in ROLES:
        raise InputError(f"vai trò '{task.role}' không hợp lệ; dùng một trong: {', '.join(ROLES)}")
    if task.category not in category_codes(reference):
        raise InputError(f"nhóm nhiệm vụ '{task.category}' không có trong danh mục; dùng một trong: "
                         f"{', '.join(category_codes(reference))}")
    if not task.task_text:
        raise InputError("thiếu nội dung nhiệm vụ (task_text)")


def parse_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"ngày '{value}' không đọc được; viết dạng YYYY-MM-DD") from None


def check_metadata(name: str, value, reference: Reference):
    """The field's value as the build stores it; raises InputError (without a place) when it is invalid."""
    if name == "issued_on":
        return parse_date(value)
    value = None if value is None or str(value).strip() == "" else nfc(str(value).strip())
    if name == "issuer_level" and value is not None and value not in LEVELS:
        raise InputError(f"cấp '{value}' không hợp lệ; dùng một trong: {', '.join(LEVELS)}")
    if name == "area_code" and value is not None and not reference.has_area(value):  # a ward's plan: its commune
        raise InputError(f"mã địa bàn '{value}' không có trong data/reference/areas.csv (hay communes.csv)")
    if name == "doc_type" and value is not None and value not in DOC_TYPE_NAMES:
        raise InputError(f"loại văn bản '{value}' không hợp lệ; dùng một trong: {', '.join(DOC_TYPE_NAMES)}")
    return value


# -- reading the curated files (with line numbers) --------------------------------------------------------------
def _compose(path: Path):
    try:
        return yaml.compose(nfc(path.read_text(encoding="utf-8")), Loader=StrictLoader)  # no aliases, no tags
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"YAML không hợp lệ: {exc}", path, line + 1 if line is not None else None) from exc


def _line(node) -> int:
    return node.start_mark.line + 1


def _scalar(node, path: Path) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("phải là một giá trị đơn (chữ hoặc số)", path, _line(node))
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value.strip()


def _mapping(node, path: Path, what: str) -> dict[str, tuple]:
    if not isinstance(node, yaml.MappingNode):
        raise InputError(f"phải là {what}", path, _line(node))
    items = {}
    for key, value in node.value:
        name = _scalar(key, path)
        if name in items:
            raise InputError(f"'{name}' lặp lại", path, _line(key))
        items[name] = (key, value)
    return items


def load_task_corrections(folder: Path, reference: Reference, raw_files: set[str]
                          ) -> tuple[dict[str, list[ReviewedTask]], list[InputError]]:
    """doc_file -> its reviewed task list."""
    path = folder / TASKS_FILE
    if not path.exists():
        return {}, []
    try:
        root = _compose(path)
    except InputError as exc:
        return {}, [exc]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.SequenceNode):
        return {}, [InputError("phải là một danh sách (mỗi mục bắt đầu bằng '- doc_file: …')", path, _line(root))]
    found: dict[str, list[ReviewedTask]] = {}
    errors: list[InputError] = []
    for item in root.value:
        try:
            fields = _mapping(item, path, "một mục doc_file/tasks")
            if "doc_file" not in fields:
                raise InputError("thiếu doc_file", path, _line(item))
            doc_file = _scalar(fields["doc_file"][1], path) or ""
            if doc_file not in raw_files:
                raise InputError(f"doc_file '{doc_file}' không có trong data/raw/", path, _line(fields["doc_file"][1]))
            if doc_file in found:
                raise InputError(f"văn bản '{doc_file}' đã có danh sách nhiệm vụ ở trên", path, _line(item))
            tasks_node = fields.get("tasks", (None, None))[1]
            if tasks_node is None or (isinstance(tasks_node, yaml.ScalarNode) and tasks_node.tag.endswith(":null")):
                task_nodes = []
            elif isinstance(tasks_node, yaml.SequenceNode):
                task_nodes = tasks_node.value
            else:
                raise InputError("tasks phải là một danh sách", path, _line(tasks_node))
        except InputError as exc:
            errors.append(exc)
            continue
        tasks = []
        for node in task_nodes:
            try:
                values = {k: _scalar(v, path) for k, (_, v) in _mapping(node, path, "một nhiệm vụ").items()}
                unknown = set(values) - set(TASK_FIELDS)
                if unknown:
                    raise InputError(f"trường không biết: {', '.join(sorted(unknown))}", path, _line(node))
                task = ReviewedTask(values.get("unit_name") or "", values.get("parent_unit") or None,
                                    values.get("role") or "", values.get("category") or "", values.get("task_text") or "")
                try:
                    check_task(task, reference)
                except InputError as exc:
                    raise InputError(exc.message, path, _line(node)) from None
                tasks.append(task)
            except InputError as exc:
                errors.append(exc)
        found[doc_file] = tasks
    return found, errors


def load_metadata_corrections(folder: Path, reference: Reference, raw_files: set[str]
                              ) -> tuple[dict[str, dict], list[InputError]]:
    """doc_file -> {field: corrected value}."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}, []
    try:
        root = _compose(path)
        if root is None:
            return {}, []
        documents = _mapping(root, path, "một bảng tên tệp -> các trường đã sửa")
    except InputError as exc:
        return {}, [exc]
    found, errors = {}, []
    for doc_file, (key, node) in documents.items():
        try:
            if doc_file not in raw_files:
                raise InputError(f"văn bản '{doc_file}' không có trong data/raw/", path, _line(key))
            fields = _mapping(node, path, "một bảng trường -> giá trị")
        except InputError as exc:
            errors.append(exc)
            continue
        values = {}
        for name, (name_node, value_node) in fields.items():
            try:
                if name not in META_FIELDS:
                    raise InputError(f"trường '{name}' không sửa được; dùng: {', '.join(META_FIELDS)}", path,
                                     _line(name_node))
                try:
                    values[name] = check_metadata(name, _scalar(value_node, path), reference)
                except InputError as exc:
                    raise InputError(exc.message, path, exc.line or _line(value_node)) from None
            except InputError as exc:
                errors.append(exc)
        found[doc_file] = values
    return found, errors


def load_corrections(folder: Path, reference: Reference, raw_files: set[str]):
    tasks, task_errors = load_task_corrections(folder, reference, raw_files)
    metadata, metadata_errors = load_metadata_corrections(folder, reference, raw_files)
    return tasks, metadata, task_errors + metadata_errors


def apply_corrections(documents: list[ExtractedDocument], tasks: dict[str, list[ReviewedTask]],
                      metadata: dict[str, dict]) -> list[ExtractedDocument]:
    """The documents with reviewed task lists and metadata in place of the extracted ones."""
    from .tasks import ExtractedTask

    out = []
    for d in documents:
        if d.file_name in tasks:
            reviewed = []
            for t in tasks[d.file_name]:
                start = d.text.find(t.task_text)
                reviewed.append(ExtractedTask(t.unit_name, t.parent_unit, t.role, t.category, t.task_text,
                                              start if start >= 0 else None))
            d = replace(d, tasks=reviewed)
        if metadata.get(d.file_name):
            fields = dict(metadata[d.file_name])
            if "issued_on" in fields:
                fields["issued_year"] = fields["issued_on"].year if fields["issued_on"] else None
            if "area_code" in fields:
                fields["area_source"] = "duyệt" if fields["area_code"] else None
            d = replace(d, meta=replace(d.meta, **fields))
        out.append(d)
    return out


# -- writing --------------------------------------------------------------------------------------------------
def _appended(existing: str | None, header: str, data) -> str:
    text = existing if existing is not None else header
    if text and not text.endswith("\n"):
        text += "\n"
    return text + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def tasks_text(existing: str | None, doc_file: str, tasks: list[ReviewedTask]) -> str:
    items = [{"unit_name": t.unit_name, "parent_unit": t.parent_unit, "role": t.role, "category": t.category,
              "task_text": t.task_text} for t in tasks]
    return _appended(existing, TASKS_HEADER, [{"doc_file": doc_file, "tasks": items}])


def metadata_text(existing: str | None, doc_file: str, fields: dict) -> str:
    values = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()}
    return _appended(existing, METADATA_HEADER, {doc_file: values})
