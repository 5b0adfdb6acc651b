import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request, Response } from 'express';
import { errorBody } from '@crosswalk/platform';
import { CombinedDocs } from './combined-docs';

export const DOCS_ROUTES = Symbol('DOCS_ROUTES');

/**
 * Swagger UI configured to load the combined document by URL instead of the gateway's own document,
 * which createServiceApp embeds. The URL is taken relative to this script so /docs works behind a prefix.
 */
const SWAGGER_UI_INIT = `(function () {
  var documentUrl = new URL('json', document.currentScript.src).toString();
  window.onload = function () {
    window.ui = SwaggerUIBundle({
      url: documentUrl,
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      plugins: [SwaggerUIBundle.plugins.DownloadUrl],
      layout: 'StandaloneLayout'
    });
  };
})();
`;

/**
 * Serves the combined document where createServiceApp serves each service's own: /docs/json, /docs-yaml
 * and the Swagger UI at /docs (its page and assets stay the platform's; only its init script changes).
 * createServiceApp registers those routes on Express before Nest's router exists, so a controller could
 * never win; routes registered while the module is instantiated come first. Replace with a platform
 * option to supply the served document once createServiceApp offers one.
 */
export const docsRoutes: Provider = {
  provide: DOCS_ROUTES,
  inject: [HttpAdapterHost, CombinedDocs],
  useFactory: (host: HttpAdapterHost, docs: CombinedDocs): true => {
    const app = host.httpAdapter.getInstance<Express>();
    const serve = (contentType: string) => async (_req: Request, res: Response) => {
      try {
        const document = await docs.document();
        res.type(contentType).setHeader('cache-control', 'no-cache');
        // JSON is valid YAML 1.2, so the YAML URL needs no second serialiser.
        res.send(JSON.stringify(document));
      } catch {
        res.status(500).json(errorBody(500, 'Could not build the API document'));
      }
    };
    app.get('/docs/json', serve('application/json'));
    app.get('/docs-yaml', serve('text/yaml'));
    app.get(['/docs/swagger-ui-init.js', '/docs/docs/swagger-ui-init.js'], (_req: Request, res: Response) => {
      res.type('application/javascript').send(SWAGGER_UI_INIT);
    });
    return true;
  },
};
