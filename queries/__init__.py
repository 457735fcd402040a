"""Package data: see policykg.resources."""
