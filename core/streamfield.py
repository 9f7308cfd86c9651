"""Build StreamField values from plain Python data, with stable ids on every block and item.

Demo content and tests write blocks as (type, value) pairs and lists as plain lists; this
turns them into Wagtail's stored form, giving each stream block and list item an id (quiz
answers, for one, are addressed by those ids).
"""

from __future__ import annotations

import uuid

from wagtail import blocks


def _raw(block: blocks.Block, value):
    if isinstance(block, blocks.ListBlock):
        return [
            {"type": "item", "value": _raw(block.child_block, item), "id": str(uuid.uuid4())}
            for item in value
        ]
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": _raw(block.child_blocks[name], item), "id": str(uuid.uuid4())}
            for name, item in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: _raw(child, value[name])
            if name in value
            else child.get_prep_value(child.get_default())
            for name, child in block.child_blocks.items()
        }
    return value


def stream_value(stream_block: blocks.StreamBlock, pairs: list[tuple[str, object]]):
    """A StreamValue for `stream_block` from [(block type, plain value), ...]."""
    return stream_block.to_python(_raw(stream_block, pairs))
