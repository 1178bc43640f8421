/// <reference types="novnc__novnc" />

// @types/novnc__novnc only declares the old "@novnc/novnc/lib/rfb" path; noVNC 1.7 exports RFB as its
// package entry ("exports": "./core/rfb.js"), so give that entry the same types.
declare module "@novnc/novnc" {
  import RFB from "@novnc/novnc/lib/rfb";
  export default RFB;
}
