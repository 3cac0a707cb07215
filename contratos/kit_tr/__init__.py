"""Kit do Termo de Referência (issue 17): conteúdo e verificação normativa puros, o DOCX, o registro das exportações."""
