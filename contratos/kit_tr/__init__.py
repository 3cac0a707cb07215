"""Kit do Termo de Referência (issue 17): conteúdo puro, verificação normativa puras e o DOCX."""
