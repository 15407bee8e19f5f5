"""Reading, parsing, chunking, embedding and storing minutes."""
