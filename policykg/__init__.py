"""policykg: Dutch policy documents as a knowledge graph.

The design card's top-level folders are mapped into this package by setup.cfg:
``loaders`` (text -> references), ``graph`` (references -> RDF, store, queries),
``ontology``, ``shapes`` and ``queries`` (data files).
"""

__version__ = "0.1.0"
