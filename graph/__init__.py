"""Graph: extraction results -> RDF, the store, named queries, trace,
validation and export."""
