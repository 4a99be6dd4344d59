/* Generated from server/shared.json by `python scripts/build_extension.py`: edit that file, not this one. */
var LOUPE_SHARED = Object.freeze({
  categories: [
    ["puffery", "puffery", "Puffery (“epic”, “valiant”)"],
    ["loaded", "loaded language", "Loaded language (“regime”, “slammed”)"],
    ["exaggeration", "exaggeration", "Exaggeration (“unprecedented”, “devastating”)"],
    ["fear", "appeal to fear", "Appeals to fear (“menace”, “way of life”)"],
    ["labels", "name-calling", "Name-calling (“extremist”, “traitor”)"],
    ["editorializing", "editorializing", "Editorializing (“of course”, “shockingly”)"],
    ["doubt", "doubt", "Casting doubt (“so-called”, “dubious”)"],
    ["weasel", "weasel attribution", "Weasel attribution (“some say”, “critics argue”)"],
  ],
  skipTags: ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION", "BUTTON", "SVG", "MATH", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "IMG", "PICTURE", "SOURCE", "HEAD", "TITLE", "META", "LINK"],
});
