"""Kit do Termo de Referência (issue 17): conteúdo e verificação puros, DOCX, registro das exportações."""
