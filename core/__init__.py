"""O que não é domínio: segurança do admin, senhas, cabeçalhos e limites de acesso (base das camadas)."""
