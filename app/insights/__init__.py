"""Graph insights (issue 16): communities, centrality, trends and movers, computed in Python from one read
of the graph per question and cached per graph version."""
