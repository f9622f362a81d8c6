/** Offsets of the core (UTF-16 offsets into the document's text) as VS Code ranges and edits: written once here. */
import * as vscode from 'vscode';
import { TextEdit } from '../core';

/** The range of `length` characters at `offset` in the document. */
export function rangeOf(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

/** A core edit (made against the document's current text) as an undoable workspace edit of the document. */
export function workspaceEdit(document: vscode.TextDocument, edit: TextEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.replace(document.uri, rangeOf(document, edit.offset, edit.length), edit.content);
  return we;
}
