import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { uploadFile } from '../households/households.api';

export interface UploadedDocument {
  /** The document's name as the program requires it (what the eligibility check matches). */
  name: string;
  fileId: string;
  fileName: string;
}

/** What the API keeps of an uploaded document: its name and file, not the file's display name. */
export const toDocumentRefs = (docs: UploadedDocument[] = []) =>
  docs.map(({ name, fileId }) => ({ name, fileId }));

/** Tuition aid always asks for the student's admission letter. */
export const ADMISSION = '录取通知书';

/** The named slots of a program: its required documents, and the admission letter for tuition aid. */
export function documentSlots(program?: { type: string; requiredDocuments: string[] }): string[] {
  const required = program?.requiredDocuments ?? [];
  return program?.type === 'tuition' && !required.includes(ADMISSION) ? [...required, ADMISSION] : required;
}

interface Props {
  /** Named slots: the program's required documents (and the admission letter for tuition aid). */
  slots: string[];
  value?: UploadedDocument[];
  onChange?: (value: UploadedDocument[]) => void;
  /** Files belong to the household's unit. */
  orgId?: string;
}

/** One upload per required document, plus any other supporting files (named after the file). */
export function DocumentSlots({ slots, value = [], onChange, orgId }: Props) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  const upload = async (file: File, name: string | null) => {
    setBusy(name ?? '*');
    try {
      const meta = await uploadFile(file, orgId);
      const docName =
        name ??
        (meta.name || file.name)
          .replace(/\.[^.]+$/, '')
          .slice(0, 50)
          .padEnd(2, '_');
      const rest = name ? value.filter((d) => d.name !== name) : value;
      onChange?.([...rest, { name: docName, fileId: meta.id, fileName: meta.name || file.name }]);
    } catch (error) {
      message.error(t('applications.uploadFailed', { name: file.name, reason: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const picker = (name: string | null, testId: string) => (
    <Upload
      showUploadList={false}
      accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
      customRequest={({ file, onSuccess }) => {
        void upload(file as File, name).then(() => onSuccess?.({}));
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy === (name ?? '*')} data-testid={testId}>
        {name
          ? t('applications.uploadSlot', { name })
          : t(slots.length > 0 ? 'applications.uploadOther' : 'applications.upload')}
      </Button>
    </Upload>
  );

  const extras = value.filter((d) => !slots.includes(d.name));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {slots.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={slots}
          renderItem={(slot, i) => {
            const doc = value.find((d) => d.name === slot);
            return (
              <List.Item
                // Without a file there is nothing to remove: no empty action (and no divider before it).
                actions={[
                  picker(slot, `application-doc-${i}`),
                  ...(doc
                    ? [
                        <Button
                          key="remove"
                          size="small"
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => onChange?.(value.filter((d) => d !== doc))}
                        />,
                      ]
                    : []),
                ]}
              >
                <Space>
                  <Tag color={doc ? 'success' : 'warning'}>{slot}</Tag>
                  <Typography.Text type={doc ? undefined : 'secondary'}>
                    {doc?.fileName ?? '—'}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {extras.map((doc) => (
        <Space key={doc.fileId}>
          <Tag>{doc.name}</Tag>
          <Typography.Text>{doc.fileName}</Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => onChange?.(value.filter((d) => d !== doc))}
          />
        </Space>
      ))}
      {picker(null, 'application-doc-extra')}
    </Space>
  );
}
