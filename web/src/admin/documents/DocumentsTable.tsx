import { DocumentRow } from './DocumentRow';
import type { DocumentView } from './types';
import type { Groups } from '../useGroups';

interface Props {
  documents: DocumentView[];
  groups: Groups;
  editable: boolean;
  onSave(id: string, change: { collection: string; groups: string[] }): Promise<boolean>;
  onReingest(d: DocumentView): void;
  onDelete(d: DocumentView): void;
}

export function DocumentsTable({ documents, ...actions }: Props) {
  if (documents.length === 0) return <p className="muted pad">No documents yet. Upload some above.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Documents" tabIndex={0}>
      <table className="table table-cards" id="documents-table">
        <caption className="visually-hidden">Documents</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Status</th>
            <th scope="col">Collection</th>
            <th scope="col">Groups</th>
            <th scope="col" className="num">
              Pages
            </th>
            <th scope="col" className="num">
              Chunks
            </th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <DocumentRow key={d.id} document={d} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
