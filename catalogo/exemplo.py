"""Catálogos de EXEMPLO (valores ilustrativos): os preços reais do SERPRO não são públicos.

As linhas têm as mesmas colunas das planilhas de importação (catalogo/resources.py) e são carregadas pelo
mesmo código da importação do admin.
"""

VERSAO_EXEMPLO = "Exemplo 2024.1"
VIGENCIA_INICIO = "2024-12-12"
# Aprovação fictícia: o Plano de Trabalho do ACT 142/2024 previa os dois catálogos até 12/12/2024.
DATA_APROVACAO = "2024-12-12"
REFERENCIA_SEI = "Exemplo ilustrativo, sem ato oficial (ACT 142/2024)"
OBSERVACOES = (
    "Catálogo de exemplo com valores ilustrativos para demonstração. Os preços oficiais são definidos pelo "
    "SERPRO em comum acordo com a SGD/MGI; importe o catálogo real pela administração."
)

_DISPONIBILIDADE = {
    "nivel_indicador": "Disponibilidade mensal",
    "nivel_meta": "≥ 99,9%",
    "nivel_medicao": "Minutos em operação ÷ minutos do mês, pelo monitoramento do provedor, excluídas as "
    "janelas de manutenção programada comunicadas com 5 dias úteis de antecedência.",
    "nivel_glosa": "De 99,5% a 99,9%: 5%; de 99,0% a 99,5%: 10%; abaixo de 99,0%: 20% "
    "do valor mensal do serviço.",
}
_DURABILIDADE = {
    "nivel_indicador": "Durabilidade dos dados",
    "nivel_meta": "≥ 99,999999%",
    "nivel_medicao": "Objetos íntegros ÷ objetos armazenados no mês, verificado por soma de verificação.",
    "nivel_glosa": "Perda de dados sem restauração: 30% do valor mensal do serviço.",
}
_LATENCIA = {
    "nivel_indicador": "Latência de rede entre zonas",
    "nivel_meta": "≤ 5 ms no percentil 95",
    "nivel_medicao": "Medição contínua entre sondas do provedor, consolidada mensalmente.",
    "nivel_glosa": "Acima de 5 ms: 5%; acima de 10 ms: 10% do valor mensal do serviço.",
}
_RESTAURACAO = {
    "nivel_indicador": "Tempo de restauração (RTO)",
    "nivel_meta": "≤ 4 horas",
    "nivel_medicao": "Da abertura do chamado de restauração até a confirmação dos dados restaurados.",
    "nivel_glosa": "Por hora de atraso: 2% do valor mensal do serviço, limitado a 20%.",
}
_INCIDENTE_SEGURANCA = {
    "nivel_indicador": "Tempo de resposta a incidente de segurança",
    "nivel_meta": "≤ 1 hora (24×7)",
    "nivel_medicao": "Da detecção ou notificação até a primeira ação de contenção registrada.",
    "nivel_glosa": "Por hora de atraso: 5% do valor mensal do serviço, limitado a 30%.",
}
_PRAZO_ENTREGA = {
    "nivel_indicador": "Cumprimento do prazo da Ordem de Serviço",
    "nivel_meta": "100% das entregas no prazo",
    "nivel_medicao": "Data de aceite dos produtos comparada à data prevista na Ordem de Serviço.",
    "nivel_glosa": "Por dia útil de atraso: 1% do valor da OS, limitado a 10%.",
}
_ATENDIMENTO = {
    "nivel_indicador": "Tempo de início de atendimento",
    "nivel_meta": "≤ 30 minutos (crítico); ≤ 4 horas (demais)",
    "nivel_medicao": "Da abertura do chamado na central do SERPRO até o primeiro contato técnico.",
    "nivel_glosa": "Acima da meta em mais de 5% dos chamados do mês: 5% do valor mensal.",
}

_NIVEL_POR_CATEGORIA = {
    "computacao": _DISPONIBILIDADE,
    "armazenamento": _DURABILIDADE,
    "rede": _LATENCIA,
    "banco_de_dados": _DISPONIBILIDADE,
    "backup": _RESTAURACAO,
    "seguranca": _INCIDENTE_SEGURANCA,
}

# (código, nome, categoria, unidade de medida, preço unitário com 4 casas, descrição)
_NUVEM = [
    ("CMP-VCPU", "vCPU sob demanda", "computacao", "vCPU/hora", "0.0412", "Núcleo virtual x86_64."),
    ("CMP-RAM", "Memória sob demanda", "computacao", "GB/hora", "0.0055", "Memória RAM de máquina virtual."),
    ("CMP-VM-P", "Máquina virtual pequena", "computacao", "instância/hora", "0.0934", "2 vCPU e 4 GB."),
    ("CMP-VM-M", "Máquina virtual média", "computacao", "instância/hora", "0.1868", "4 vCPU e 8 GB."),
    ("CMP-VM-G", "Máquina virtual grande", "computacao", "instância/hora", "0.3736", "8 vCPU e 16 GB."),
    (
        "CMP-K8S",
        "Cluster Kubernetes gerenciado",
        "computacao",
        "cluster/hora",
        "0.1250",
        "Gerenciado.",
    ),
    ("ARM-BLOCO", "Disco em bloco SSD", "armazenamento", "GB/mês", "0.1180", "Volume persistente SSD."),
    ("ARM-OBJ", "Armazenamento de objetos", "armazenamento", "GB/mês", "0.0245", "Compatível com S3."),
    ("ARM-ARQ", "Sistema de arquivos compartilhado", "armazenamento", "GB/mês", "0.3100", "NFS gerenciado."),
    ("ARM-SNAP", "Snapshot de disco", "armazenamento", "GB/mês", "0.0520", "Cópia instantânea de volume."),
    ("RED-IP", "Endereço IP público", "rede", "IP/hora", "0.0050", "IPv4 público reservado."),
    ("RED-SAIDA", "Tráfego de saída para a internet", "rede", "GB", "0.0870", "Transferência de dados."),
    ("RED-LB", "Balanceador de carga", "rede", "instância/hora", "0.0275", "Camada 4 e 7."),
    ("RED-VPN", "Conexão VPN site a site", "rede", "conexão/hora", "0.0480", "Túnel IPsec."),
    ("BD-PG", "PostgreSQL gerenciado", "banco_de_dados", "instância/hora", "0.2450", "2 vCPU, 8 GB, HA."),
    ("BD-MYSQL", "MySQL gerenciado", "banco_de_dados", "instância/hora", "0.2310", "2 vCPU, 8 GB, HA."),
    ("BD-ARM", "Armazenamento de banco de dados", "banco_de_dados", "GB/mês", "0.1375", "SSD com réplica."),
    ("BD-CACHE", "Cache em memória gerenciado", "banco_de_dados", "GB/hora", "0.0190", "Compatível Redis."),
    ("BKP-GB", "Backup gerenciado", "backup", "GB/mês", "0.0610", "Retenção de 30 dias."),
    ("BKP-LONGO", "Retenção de longo prazo", "backup", "GB/mês", "0.0125", "Retenção de até 5 anos."),
    ("BKP-VM", "Proteção de máquina virtual", "backup", "instância/mês", "8.7500", "Agente e política."),
    ("SEG-WAF", "Firewall de aplicação web (WAF)", "seguranca", "aplicação/mês", "185.9000", "OWASP Top 10."),
    ("SEG-DDOS", "Proteção anti-DDoS", "seguranca", "IP/mês", "42.3300", "Mitigação volumétrica."),
    ("SEG-KMS", "Gerenciamento de chaves (KMS)", "seguranca", "chave/mês", "1.1500", "Chaves em HSM."),
]

# (código, nome, unidade, preço com 2 casas, descrição)
_PROFISSIONAIS = [
    ("SP-ARQ", "Consultoria em arquitetura de nuvem", "hora", "245.00", "Desenho de soluções em nuvem."),
    ("SP-MIG", "Migração de cargas de trabalho", "ust", "98.50", "Planejamento e execução da migração."),
    ("SP-SUST", "Sustentação de ambiente em nuvem", "mes", "18500.00", "Operação assistida mensal."),
    ("SP-DEVOPS", "Automação e DevOps", "ust", "98.50", "Pipelines e infraestrutura como código."),
    ("SP-FINOPS", "Otimização de custos (FinOps)", "hora", "210.00", "Análise de consumo e recomendações."),
    ("SP-SEG", "Consultoria em segurança da nuvem", "hora", "265.00", "Avaliação de postura e hardening."),
    ("SP-DBA", "Administração de banco de dados", "hora", "190.00", "Ajuste e suporte a bancos gerenciados."),
    ("SP-TREIN", "Capacitação em nuvem de governo", "hora", "160.00", "Turmas de até 20 pessoas."),
    ("SP-SUP24", "Suporte especializado 24×7", "mes", "9800.00", "Plantão com acionamento remoto."),
]

NIVEL_DO_CATALOGO = {
    "nuvem": {
        "indicador": "Disponibilidade do portal de gestão e da central de atendimento",
        "meta": "≥ 99,5% ao mês",
        "forma_medicao": "Monitoramento sintético a cada 5 minutos.",
        "faixas_glosa": "Abaixo da meta: 2% do valor mensal do contrato.",
    },
    "profissionais": {
        "indicador": "Substituição de profissional",
        "meta": "≤ 10 dias úteis",
        "forma_medicao": "Da solicitação do órgão até o início do substituto.",
        "faixas_glosa": "Por dia útil de atraso: 0,5% do valor mensal, limitado a 5%.",
    },
}


def linhas_nuvem() -> list[dict]:
    return [
        {
            "codigo": codigo,
            "nome": nome,
            "categoria": categoria,
            "unidade_medida": unidade,
            "preco_unitario": preco,
            "descricao": descricao,
            **_NIVEL_POR_CATEGORIA[categoria],
        }
        for codigo, nome, categoria, unidade, preco, descricao in _NUVEM
    ]


def linhas_profissionais() -> list[dict]:
    niveis = {"mes": _ATENDIMENTO}
    return [
        {
            "codigo": codigo,
            "nome": nome,
            "unidade": unidade,
            "preco": preco,
            "descricao": descricao,
            **niveis.get(unidade, _PRAZO_ENTREGA),
        }
        for codigo, nome, unidade, preco, descricao in _PROFISSIONAIS
    ]
