"""Where propalens meets its users' own tools: a spaCy pipeline component
(`spacy_component`), pandas frames of analyses and of the store (`dataframes`), and the view of
an analysis in a Jupyter notebook (`notebook`).  Downstream of every step; nothing imports it.
"""
