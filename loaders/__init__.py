"""Loaders: read a source document and extract what it says, with offsets.

Pipeline, one module per stage: ``text`` (read) -> ``footnotes`` (structure) ->
``find`` (citations) -> ``motions`` -> ``gazetteer`` (vocabulary mentions) ->
``metadata`` -> ``measures``; ``document.extract`` runs them all. Nothing here
knows RDF: the output is ``models`` dataclasses that ``policykg.graph`` turns
into triples.
"""
