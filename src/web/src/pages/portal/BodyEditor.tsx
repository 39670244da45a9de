// The article body editor: formatted text with a toolbar (tiptap), or its HTML source for those
// who want it. The toolbar offers only what the portal's sanitiser keeps
// (src/services/public/sanitize.ts): headings 2–3, bold, italic, underline, strikethrough, lists,
// quotation, horizontal rule, links. The server sanitises whatever is saved, so this is a
// convenience, not a guard.
//
// The toolbar is built from Mantine's own buttons rather than @mantine/tiptap: that package's
// RichTextEditor carries every control it has (colour picker, tooltips…), and their share of
// @floating-ui/react — one module, tree-shaken once for the whole app — would land in a chunk
// every signed-in page loads. This file is part of the article editor's lazy chunk only.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  Input,
  Paper,
  Popover,
  Text,
  TextInput,
  Textarea,
  Typography,
} from '@mantine/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { defineMessages, fill, useMessages } from '../../i18n';

const m = defineMessages({
  vi: {
    bold: 'Chữ đậm',
    italic: 'Chữ nghiêng',
    underline: 'Gạch chân',
    strike: 'Gạch ngang',
    clear: 'Xoá định dạng',
    h2: 'Đề mục cấp 2',
    h3: 'Đề mục cấp 3',
    bullets: 'Danh sách dấu chấm',
    numbers: 'Danh sách đánh số',
    quote: 'Trích dẫn',
    hr: 'Đường kẻ ngang',
    link: 'Chèn liên kết',
    unlink: 'Bỏ liên kết',
    linkUrl: 'Địa chỉ liên kết',
    linkSave: 'Áp dụng',
    linkInvalid: 'Địa chỉ phải bắt đầu bằng http://, https://, mailto: hoặc tel:.',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    toolbar: 'Định dạng nội dung',
    html: 'Mã HTML',
    rich: 'Soạn thảo thường',
    htmlLabel: 'Nội dung — mã HTML',
    unsupported:
      'Nội dung có {tags}: trình soạn thảo thường không giữ được các phần này, nên chỉ sửa được ở dạng mã HTML.',
  },
  en: {
    bold: 'Bold',
    italic: 'Italic',
    underline: 'Underline',
    strike: 'Strikethrough',
    clear: 'Clear formatting',
    h2: 'Heading level 2',
    h3: 'Heading level 3',
    bullets: 'Bulleted list',
    numbers: 'Numbered list',
    quote: 'Quotation',
    hr: 'Horizontal rule',
    link: 'Insert link',
    unlink: 'Remove link',
    linkUrl: 'Link address',
    linkSave: 'Apply',
    linkInvalid: 'The address must start with http://, https://, mailto: or tel:.',
    undo: 'Undo',
    redo: 'Redo',
    toolbar: 'Body formatting',
    html: 'HTML source',
    rich: 'Formatted text',
    htmlLabel: 'Body — HTML source',
    unsupported:
      'The body contains {tags}: the formatted-text editor cannot keep these, so it can be edited only as HTML.',
  },
});

type Texts = Record<keyof (typeof m)['vi'], string>;

// The editor's few rules travel with it (React 19 hoists and de-duplicates this <style>): a
// stylesheet file would add an entry to the router's preload list in the app's shell.
const CSS = `
.gn-body-editor[data-invalid] {
  border-color: var(--mantine-color-error);
}
.gn-body-toolbar {
  border-bottom: 1px solid var(--mantine-color-gray-3);
}
.gn-body-content {
  min-height: 220px;
  padding: var(--mantine-spacing-sm) var(--mantine-spacing-md);
  outline: none;
}
.gn-body-content:focus-visible {
  box-shadow: inset 0 0 0 2px var(--mantine-primary-color-filled);
}
.gn-body-content > :first-child {
  margin-top: 0;
}
`;

/**
 * Elements the sanitiser keeps but this editor's schema does not (tiptap would silently drop
 * them on the first keystroke). A body holding any of them stays in HTML mode.
 */
const SOURCE_ONLY = ['table', 'figure', 'img', 'sub', 'sup'] as const;

function sourceOnlyTags(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return SOURCE_ONLY.filter((tag) => doc.body.querySelector(tag) !== null).map((t) => `<${t}>`);
}

/** The link schemes the sanitiser keeps. */
const LINK = /^(https?:\/\/|mailto:|tel:)\S+$/i;

// Icon paths from Tabler Icons (MIT licence, tabler.io/icons), 24×24, stroke = currentColor.
const ICONS = {
  bold: ['M7 5h6a3.5 3.5 0 0 1 0 7h-6z', 'M13 12h1a3.5 3.5 0 0 1 0 7h-7v-7'],
  italic: ['M11 5l6 0', 'M7 19l6 0', 'M14 5l-4 14'],
  underline: ['M7 5v5a5 5 0 0 0 10 0v-5', 'M5 19h14'],
  strike: [
    'M5 12l14 0',
    'M16 6.5a4 2 0 0 0 -4 -1.5h-1a3.5 3.5 0 0 0 0 7h2a3.5 3.5 0 0 1 0 7h-1.5a4 2 0 0 1 -4 -1.5',
  ],
  clear: ['M17 15l4 4m0 -4l-4 4', 'M7 6v-1h11v1', 'M7 19l4 0', 'M13 5l-4 14'],
  h2: [
    'M17 12a2 2 0 1 1 4 0c0 .591 -.417 1.318 -.816 1.858l-3.184 4.143l4 0',
    'M4 6v12',
    'M12 6v12',
    'M11 18h2',
    'M3 18h2',
    'M4 12h8',
    'M3 6h2',
    'M11 6h2',
  ],
  h3: [
    'M19 14a2 2 0 1 0 -2 -2',
    'M17 16a2 2 0 1 0 2 -2',
    'M4 6v12',
    'M12 6v12',
    'M11 18h2',
    'M3 18h2',
    'M4 12h8',
    'M3 6h2',
    'M11 6h2',
  ],
  bullets: ['M9 6l11 0', 'M9 12l11 0', 'M9 18l11 0', 'M5 6l0 .01', 'M5 12l0 .01', 'M5 18l0 .01'],
  numbers: [
    'M11 6h9',
    'M11 12h9',
    'M12 18h8',
    'M4 16a2 2 0 1 1 4 0c0 .591 -.5 1 -1 1.5l-3 2.5h4',
    'M6 10v-6l-2 2',
  ],
  quote: [
    'M6 15h15',
    'M21 19h-15',
    'M15 11h6',
    'M21 7h-6',
    'M9 9h1a1 1 0 1 1 -1 1v-2.5a2 2 0 0 1 2 -2',
    'M3 9h1a1 1 0 1 1 -1 1v-2.5a2 2 0 0 1 2 -2',
  ],
  hr: ['M5 12h2', 'M17 12h2', 'M11 12h2'],
  link: [
    'M9 15l6 -6',
    'M11 6l.463 -.536a5 5 0 0 1 7.071 7.072l-.534 .464',
    'M13 18l-.397 .534a5.068 5.068 0 0 1 -7.127 0a4.972 4.972 0 0 1 0 -7.071l.524 -.463',
  ],
  unlink: [
    'M17 22v-2',
    'M9 15l6 -6',
    'M11 6l.463 -.536a5 5 0 0 1 7.071 7.072l-.534 .464',
    'M13 18l-.397 .534a5.068 5.068 0 0 1 -7.127 0a4.972 4.972 0 0 1 0 -7.071l.524 -.463',
    'M20 17h2',
    'M2 7h2',
    'M7 2v2',
  ],
  undo: ['M9 14l-4 -4l4 -4', 'M5 10h11a4 4 0 1 1 0 8h-1'],
  redo: ['M15 14l4 -4l-4 -4', 'M19 10h-11a4 4 0 1 0 0 8h1'],
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICONS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

/** A toolbar button: its name is its label, its state (for marks and blocks) is aria-pressed. */
function Tool({
  label,
  icon,
  onClick,
  active,
  disabled,
}: {
  label: string;
  icon: keyof typeof ICONS;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
}) {
  return (
    <Button
      variant={active ? 'light' : 'default'}
      size="compact-md"
      px={6}
      aria-label={label}
      title={label}
      {...(active === undefined ? {} : { 'aria-pressed': active })}
      disabled={disabled ?? false}
      // Keep the editor's selection: a mouse press on the button must not take the focus.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      <Icon name={icon} />
    </Button>
  );
}

function ToolGroup({ children }: { children: ReactNode }) {
  return (
    <Group gap={2} wrap="nowrap">
      {children}
    </Group>
  );
}

function LinkTool({ editor, t }: { editor: Editor; t: Texts }) {
  const [opened, setOpened] = useState(false);
  const [url, setUrl] = useState('');
  const [invalid, setInvalid] = useState(false);
  const open = () => {
    setUrl((editor.getAttributes('link').href as string | undefined) ?? '');
    setInvalid(false);
    setOpened(true);
  };
  const apply = () => {
    const href = url.trim();
    if (href === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
    } else if (!LINK.test(href)) {
      setInvalid(true);
      return;
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
    setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" shadow="md">
      <Popover.Target>
        <Button
          variant={editor.isActive('link') ? 'light' : 'default'}
          size="compact-md"
          px={6}
          aria-label={t.link}
          title={t.link}
          aria-pressed={editor.isActive('link')}
          aria-haspopup="dialog"
          aria-expanded={opened}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => (opened ? setOpened(false) : open())}
        >
          <Icon name="link" />
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Group gap="xs" align="flex-start">
          <TextInput
            label={t.linkUrl}
            placeholder="https://"
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setInvalid(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                apply();
              }
            }}
            error={invalid ? t.linkInvalid : undefined}
            w={300}
          />
          <Button mt={24} onClick={apply}>
            {t.linkSave}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}

function Toolbar({ editor, t }: { editor: Editor; t: Texts }) {
  const chain = () => editor.chain().focus();
  return (
    <Group gap="xs" p={6} className="gn-body-toolbar" role="toolbar" aria-label={t.toolbar}>
      <ToolGroup>
        <Tool
          label={t.bold}
          icon="bold"
          active={editor.isActive('bold')}
          onClick={() => chain().toggleBold().run()}
        />
        <Tool
          label={t.italic}
          icon="italic"
          active={editor.isActive('italic')}
          onClick={() => chain().toggleItalic().run()}
        />
        <Tool
          label={t.underline}
          icon="underline"
          active={editor.isActive('underline')}
          onClick={() => chain().toggleUnderline().run()}
        />
        <Tool
          label={t.strike}
          icon="strike"
          active={editor.isActive('strike')}
          onClick={() => chain().toggleStrike().run()}
        />
        <Tool label={t.clear} icon="clear" onClick={() => chain().unsetAllMarks().clearNodes().run()} />
      </ToolGroup>
      <ToolGroup>
        <Tool
          label={t.h2}
          icon="h2"
          active={editor.isActive('heading', { level: 2 })}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        />
        <Tool
          label={t.h3}
          icon="h3"
          active={editor.isActive('heading', { level: 3 })}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        />
      </ToolGroup>
      <ToolGroup>
        <Tool
          label={t.bullets}
          icon="bullets"
          active={editor.isActive('bulletList')}
          onClick={() => chain().toggleBulletList().run()}
        />
        <Tool
          label={t.numbers}
          icon="numbers"
          active={editor.isActive('orderedList')}
          onClick={() => chain().toggleOrderedList().run()}
        />
        <Tool
          label={t.quote}
          icon="quote"
          active={editor.isActive('blockquote')}
          onClick={() => chain().toggleBlockquote().run()}
        />
        <Tool label={t.hr} icon="hr" onClick={() => chain().setHorizontalRule().run()} />
      </ToolGroup>
      <ToolGroup>
        <LinkTool editor={editor} t={t} />
        <Tool
          label={t.unlink}
          icon="unlink"
          disabled={!editor.isActive('link')}
          onClick={() => chain().extendMarkRange('link').unsetLink().run()}
        />
      </ToolGroup>
      <ToolGroup>
        <Tool
          label={t.undo}
          icon="undo"
          disabled={!editor.can().undo()}
          onClick={() => chain().undo().run()}
        />
        <Tool
          label={t.redo}
          icon="redo"
          disabled={!editor.can().redo()}
          onClick={() => chain().redo().run()}
        />
      </ToolGroup>
    </Group>
  );
}

/** The editor's HTML without the empty paragraphs a last Enter leaves at the end. */
function htmlOf(editor: Editor): string {
  return editor.getHTML().replace(/(<p><\/p>)+$/, '');
}

export interface BodyEditorProps {
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
}

export function BodyEditor({ label, value, onChange, error }: BodyEditorProps) {
  const t = useMessages(m);
  const blocking = useMemo(() => sourceOnlyTags(value), [value]);
  const [source, setSource] = useState(blocking.length > 0);
  const editor = useEditor({
    // The toolbar shows the state at the cursor, so each transaction re-renders it.
    shouldRerenderOnTransaction: true,
    extensions: [
      StarterKit.configure({
        // The sanitiser drops <code>/<pre> and <h1>; h4 stays so that an older body keeps it.
        code: false,
        codeBlock: false,
        heading: { levels: [2, 3, 4] },
        link: false,
        trailingNode: false,
      }),
      Link.configure({
        openOnClick: false,
        // Text typed after a link is not part of it (autolink makes links inclusive).
        autolink: false,
        protocols: ['mailto', 'tel'],
        // The server sets rel itself and drops target.
        HTMLAttributes: { target: null, rel: null },
      }),
    ],
    content: blocking.length > 0 ? '' : value,
    // Re-applied by useEditor on every render, so the label and the error state stay current.
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'gn-body-content',
        ...(error ? { 'aria-invalid': 'true' } : {}),
      },
    },
    onUpdate: ({ editor: e }) => onChange(htmlOf(e)),
  });
  // useEditor destroys its instance when the page is hidden (a suspended route) and makes a new
  // one when it shows again; until the next render, effects still see the old one.
  const live = editor && !editor.isDestroyed ? editor : null;

  // A body the editor cannot hold (arriving from outside, e.g. a restored version) goes to HTML mode.
  useEffect(() => {
    if (blocking.length > 0) setSource(true);
  }, [blocking.length]);

  // A new value from outside (the sanitised text after a save, a restored version, the HTML
  // source just edited) replaces the editor's content; the editor's own updates come back equal
  // and change nothing.
  useEffect(() => {
    if (live && !live.isDestroyed && !source && blocking.length === 0 && htmlOf(live) !== value)
      live.commands.setContent(value, { emitUpdate: false });
  }, [live, value, source, blocking.length]);

  return (
    <div>
      <style href="gn-body-editor" precedence="default">
        {CSS}
      </style>
      <Group justify="space-between" align="flex-end" mb={4}>
        <Input.Label labelElement="div">{label}</Input.Label>
        <Group justify="flex-end" gap="xs">
          <Button
            size="compact-sm"
            variant={source ? 'default' : 'light'}
            aria-pressed={!source}
            disabled={source && blocking.length > 0}
            onClick={() => setSource(false)}
          >
            {t.rich}
          </Button>
          <Button
            size="compact-sm"
            variant={source ? 'light' : 'default'}
            aria-pressed={source}
            onClick={() => setSource(true)}
          >
            {t.html}
          </Button>
        </Group>
      </Group>
      {source ? (
        <>
          {blocking.length > 0 ? (
            <Alert color="yellow" variant="light" mb="xs">
              <Text size="sm">{fill(t.unsupported, { tags: blocking.join(', ') })}</Text>
            </Alert>
          ) : null}
          <Textarea
            aria-label={t.htmlLabel}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value)}
            error={error}
            autosize
            minRows={8}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
        </>
      ) : null}
      {/* Kept mounted (hidden) in HTML mode, so that the editor keeps its undo history. */}
      <div style={source ? { display: 'none' } : undefined}>
        <Paper withBorder className="gn-body-editor" data-invalid={error ? true : undefined}>
          {live ? <Toolbar editor={live} t={t} /> : null}
          <Typography>
            <EditorContent editor={editor} />
          </Typography>
        </Paper>
        {error ? <Input.Error mt={4}>{error}</Input.Error> : null}
      </div>
    </div>
  );
}
