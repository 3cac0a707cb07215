// Provedor OpenID Connect de teste (pacote npm oidc-provider), no lugar do gov.br, só em 127.0.0.1.
// Rotas com os mesmos caminhos do gov.br (/authorize, /token, /userinfo, /jwk), um cliente confidencial com
// PKCE S256 obrigatório e contas de teste identificadas pelo CPF (sub), como no Login Único.
// Uso: node tests/oidc/provedor.mjs   (variáveis: OIDC_REDIRECT_URIS separadas por vírgula, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_TTL_CODIGO em segundos). Escreve "PRONTO <emissor>" quando aceita conexões.
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

// Contas de teste: CPFs válidos de exemplo, nunca de pessoas reais. O nível segue o gov.br (bronze/prata/ouro).
const CONTAS = {
  '52998224725': { name: 'Maria Servidora', email: 'maria.servidora@orgao.gov.br', nivel: 'silver' },
  '11144477735': { name: 'Bruno Bronze', email: 'bruno.bronze@orgao.gov.br', nivel: 'bronze' },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const chave = { ...privateKey.export({ format: 'jwk' }), kid: 'planejatic-teste', alg: 'RS256', use: 'sig' };

const servidor = createServer();
servidor.listen(Number(process.env.OIDC_PORTA || 0), '127.0.0.1', () => {
  const emissor = `http://127.0.0.1:${servidor.address().port}`;
  const provedor = new Provider(emissor, {
    clients: [{
      client_id: process.env.OIDC_CLIENT_ID || 'planejatic-teste',
      client_secret: process.env.OIDC_CLIENT_SECRET || 'segredo-do-cliente-de-teste',
      redirect_uris: (process.env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:8000/contas/govbr/retorno/').split(','),
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    }],
    jwks: { keys: [chave] },
    routes: { authorization: '/authorize', token: '/token', userinfo: '/userinfo', jwks: '/jwk' },
    scopes: ['openid', 'email', 'profile', 'govbr_confiabilidades'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      govbr_confiabilidades: ['reliability_info'],
    },
    // PKCE exigido de todo cliente (o gov.br exige S256); código curto para o teste de código vencido.
    pkce: { required: () => true },
    ttl: { AuthorizationCode: Number(process.env.OIDC_TTL_CODIGO || 60) },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const conta = CONTAS[sub];
      if (!conta) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: conta.name,
            email: conta.email,
            email_verified: true,
            reliability_info: { level: conta.nivel },
          };
        },
      };
    },
  });
  servidor.on('request', provedor.callback());
  process.stdout.write(`PRONTO ${emissor}\n`);
});

for (const sinal of ['SIGTERM', 'SIGINT']) {
  process.on(sinal, () => servidor.close(() => process.exit(0)));
}
