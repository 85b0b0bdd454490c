// The official CometD server (npm cometd-nodejs-server) behind CORS with credentials,
// serving Bayeux at /cometd and publishing the JSON body of POST /publish on the SMS topic.
const http = require('node:http');
const cometd = require('cometd-nodejs-server');

const bayeux = cometd.createCometDServer({ timeout: 5000 });
// Channels without subscribers are swept: look the channel up at each publish.

const server = http.createServer((req, res) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type,Authorization,X-CSRF-TOKEN');
    res.setHeader('Access-Control-Allow-Methods', 'GET,POST,OPTIONS');
  }
  if (req.method === 'OPTIONS') { res.statusCode = 204; res.end(); return; }
  if (req.url === '/publish' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      bayeux.createServerChannel('/v2/me/smssessions').publish(null, JSON.parse(body));
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
    return;
  }
  if (req.url.startsWith('/cometd')) { bayeux.handle(req, res); return; }
  res.statusCode = 404;
  res.end('Not found');
});
server.listen(Number(process.env.PORT || 18432), '127.0.0.1', () => {
  console.log(`official CometD server on http://127.0.0.1:${server.address().port}/cometd`);
});
