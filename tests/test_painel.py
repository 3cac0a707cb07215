def test_anonimo_e_redirecionado_para_entrar(client, db):
    resposta = client.get("/")
    assert resposta.status_code == 302
    assert resposta["Location"].startswith("/entrar/?next=/")


def test_painel_mostra_nome_e_estado_vazio_por_area(client_equipe):
    html = client_equipe.get("/").content.decode()
    assert "Ana Planejadora" in html
    for area in ("area-contratos", "area-catalogo", "area-acordo"):
        assert f'id="{area}"' in html
