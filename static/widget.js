// mailcheck's widget for other sites' pages (README: Embed). tools/widget.mjs writes it into the build as
// mailcheck-widget.js with this build's file names and digests in BUILD; that file's name never changes, so
// a host page's script tag keeps working across releases, and the host serves it uncached (no-cache).
//
//   <script src="https://mail.example.com/help/mail/mailcheck-widget.js" defer></script>
//   <mail-settings-checker provider="centurylink" client="outlook-windows" compact></mail-settings-checker>
//
// or from a script: `const handle = mailcheck.mount(element, { provider, client, compact })`, later
// `handle.unmount()`. Each widget renders in a shadow root of its element, so the host page's styles and the
// app's never meet; the app's stylesheet is fetched once and shared by every widget on the page. The wasm is
// loaded once, on the first widget, and every file is checked against the digest of this build.
//
// A widget keeps nothing in the host site's storage and never reads the host page's address: its share links
// open the app's own page.
(() => {
  const BUILD = {};
  const script = document.currentScript;
  if (!script?.src) throw new Error('mailcheck-widget.js: load it with <script src="…/mailcheck-widget.js" defer>');
  const base = new URL('.', script.src);
  const at = (file) => new URL(file, base).href;

  // Checked by the browser before it runs: a module preloaded with its digest, a fetch with integrity.
  const fetched = async (file, integrity) => {
    const response = await fetch(at(file), { integrity });
    if (!response.ok) throw new Error(`${at(file)}: ${response.status}`);
    return response;
  };
  // Shared by every widget; forgotten after a failure, so that a later widget tries again.
  let loading;
  const load = () =>
    (loading ??= (async () => {
      for (const [file, integrity] of BUILD.modules) {
        const preload = Object.assign(document.createElement('link'), { rel: 'modulepreload', href: at(file), integrity });
        preload.crossOrigin = 'anonymous';
        document.head.append(preload);
      }
      const app = await import(at(BUILD.modules[0][0]));
      await app.default({ module_or_path: fetched(...BUILD.wasm) });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await (await fetched(...BUILD.css)).text());
      return { mount: app.mount, sheet };
    })().catch((error) => {
      loading = undefined;
      throw error;
    }));

  // The provider list, fetched once for every widget of the page when the first one starts; forgotten after
  // a failure like the app's files, so that a later widget tries again.
  let data;
  const providers = () =>
    (data ??= fetched(...BUILD.data).then((response) => response.text()).catch((error) => {
      data = undefined;
      throw error;
    }));

  /** Renders the app into `element`'s shadow root; returns `{ unmount(), ready }`. */
  const mount = (element, options = {}) => {
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const root = document.createElement('div');
    root.className = 'widget';
    // Dark only on a page that has a dark mode itself (CSS color-scheme, or else its meta tag): a light
    // article with a dark box in it looks broken.
    const declared = getComputedStyle(element.parentElement ?? document.documentElement).colorScheme;
    const scheme = declared === 'normal' ? document.querySelector('meta[name="color-scheme"]')?.content : declared;
    if (scheme?.includes('dark')) root.classList.add('follows-system');
    shadow.replaceChildren(root);
    let app;
    let gone = false;
    const ready = load().then(
      ({ mount: start, sheet }) => {
        if (gone) return;
        shadow.adoptedStyleSheets = [sheet];
        app = start(root, {
          provider: options.provider,
          client: options.client,
          compact: Boolean(options.compact),
          widget: true,
          probe: BUILD.probe && at(BUILD.probe),
          discover: BUILD.discover && at(BUILD.discover),
          ispdb: BUILD.ispdb,
          doh: BUILD.doh,
          appUrl: base.href,
          data: providers(),
        });
      },
      (error) => {
        if (!gone) root.textContent = 'The email settings checker could not be loaded. Reload the page to try again.';
        throw error;
      },
    );
    return {
      ready,
      unmount() {
        gone = true;
        app?.unmount();
        app = undefined;
        root.remove();
      },
    };
  };

  class MailSettingsChecker extends HTMLElement {
    static observedAttributes = ['provider', 'client', 'compact'];
    #widget;
    connectedCallback() {
      this.#widget = mount(this, {
        provider: this.getAttribute('provider'),
        client: this.getAttribute('client'),
        compact: this.hasAttribute('compact'),
      });
      this.#widget.ready.catch((error) => console.error('mailcheck:', error));
    }
    disconnectedCallback() {
      this.#widget?.unmount();
      this.#widget = undefined;
    }
    // Changed options start the widget afresh with them.
    attributeChangedCallback() {
      if (!this.#widget) return;
      this.disconnectedCallback();
      this.connectedCallback();
    }
  }

  window.mailcheck = { mount };
  if (!customElements.get('mail-settings-checker')) customElements.define('mail-settings-checker', MailSettingsChecker);
})();
