/**
 * The embeddable widget, served as `/widget.js`:
 * `<script src="https://hub.example/widget.js" async></script><chorus-comments></chorus-comments>`.
 * `document.currentScript` is only set while this script first runs, so it is read here.
 */
import { defineChorusComments } from './ui/chorus-comments';

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
defineChorusComments({ src: script?.src || null, nonce: script?.nonce ?? '' });
