import { useId, useRef, useState, type DragEvent } from 'react';
import { GroupPicker } from '../GroupPicker';
import type { Groups } from '../useGroups';

interface Props {
  groups: Groups;
  onFiles(files: File[], fields: { collection: string; groups: string[] }): void;
}

/** Every type the server ingests (ContentTypeDetector); the hint says the same in words. */
export const Accept = '.pdf,.docx,.md,.markdown,.html,.htm,.txt,.csv,.json,.jsonl,.ndjson';
export const AcceptedTypes = 'PDF, Word (DOCX), Markdown, HTML, plain text, CSV, JSON';

/** Drop files (or choose them) with the collection and access groups they go into. */
export function UploadPanel({ groups, onFiles }: Props) {
  const [collection, setCollection] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  function take(list: FileList | null) {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) onFiles(files, { collection, groups: chosen });
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files);
  }

  return (
    <section className="card upload-panel" aria-labelledby="upload-title">
      <h2 className="card-title" id="upload-title">
        Upload documents
      </h2>
      <div className="upload-fields">
        <div className="field">
          <label htmlFor="upload-collection">Collection</label>
          <input id="upload-collection" value={collection} placeholder="default" onChange={(e) => setCollection(e.target.value)} />
        </div>
        <GroupPicker
          legend="Access groups"
          hint="Only members of the chosen groups can read the documents; none chosen means everyone."
          groups={groups}
          selected={chosen}
          onChange={setChosen}
        />
      </div>
      <div
        className={`dropzone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="dropzone"
      >
        <p>
          Drag and drop files here, or{' '}
          <label htmlFor={inputId} className="link-button">
            choose files
          </label>
        </p>
        <p className="hint">{AcceptedTypes} · many at once</p>
        <input
          id={inputId}
          ref={inputRef}
          className="visually-hidden"
          type="file"
          multiple
          accept={Accept}
          aria-label="Choose files to upload"
          onChange={(e) => {
            take(e.target.files);
            if (inputRef.current) inputRef.current.value = '';
          }}
        />
      </div>
    </section>
  );
}
