import { useId, useRef, useState, type DragEvent } from 'react';

interface Props {
  onFiles(files: File[], fields: { collection: string; groups: string }): void;
}

const Accept = '.pdf,.md,.markdown,.html,.htm,.txt,.docx';

/** Drop files (or choose them) with the collection and access groups they go into. */
export function UploadPanel({ onFiles }: Props) {
  const [collection, setCollection] = useState('');
  const [groups, setGroups] = useState('');
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  function take(list: FileList | null) {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) onFiles(files, { collection, groups });
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
        <div className="field">
          <label htmlFor="upload-groups">Access groups</label>
          <input
            id="upload-groups"
            value={groups}
            placeholder="everyone when empty, e.g. hr, finance"
            aria-describedby="upload-groups-hint"
            onChange={(e) => setGroups(e.target.value)}
          />
          <p className="hint" id="upload-groups-hint">
            Comma-separated. Only members of these groups can read the documents.
          </p>
        </div>
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
        <p className="hint">PDF, Markdown, HTML, plain text, DOCX · many at once</p>
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
