"""What builders return: frozen dataclasses of plain values, no Django, no model instances.

Every statement names the records it comes from by key (`Ref.key`); the report's `refs` hold those records'
kind, uid, slug, classification and citations, so every line of a rendered report can be traced back.
"""
