"""The one YAML loader every input file is read with (reference, lexicon, curated, review files)."""
from __future__ import annotations

import yaml


class StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader without aliases, anchors or explicit tags: an alias bomb or `!!python/…` stops at its line.

    Our YAML files are lists and mappings of plain text written by hand; nothing in them needs `&`, `*` or `!`.
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, "không dùng neo và bí danh YAML (& và *): hãy viết thẳng giá trị",
                                              event.start_mark)
        if getattr(event, "tag", None) is not None and not isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, f"không dùng thẻ YAML ('{event.tag}'): hãy viết giá trị thường",
                                              event.start_mark)
        return super().compose_node(parent, index)
