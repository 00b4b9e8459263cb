import {
  Alert,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/errors';
import type { OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { validated } from '../../lib/validated';
import { formatYuan, yuanToFen } from '../households/money';
import { useOrgTree } from '../orgs/orgs.api';
import { usePrograms } from '../programs/programs.api';
import { programLabel } from './BatchTags';
import { type Batch, type BatchKind, type Candidate, createBatch, useCandidates } from './disbursements.api';

interface Values {
  programId?: string;
  orgId?: string;
  kind: BatchKind;
  title?: string;
  itemName?: string;
  unitName?: string;
  unitValue?: number;
  note?: string;
}

/** Paths of every unit in the caller's subtree, by id. */
function pathsOf(nodes: readonly OrgNode[], into = new Map<string, string>()) {
  for (const n of nodes) {
    into.set(n.id, n.path);
    pathsOf(n.children ?? [], into);
  }
  return into;
}

/**
 * 新建发放批次: choose the program and the paying unit, then the payees among its approved
 * applications. Blocked ones (publicity not over, open objection, already in a batch) are greyed
 * with the reason; the server checks everything again when the batch is created. Only programs of
 * the caller's subtree are offered (a unit below a program does not pay out of its funds), and only
 * the program's unit or units above it may be the paying unit.
 */
export function CreateBatchModal({
  initialProgramId,
  onClose,
  onCreated,
}: {
  initialProgramId?: string;
  onClose: () => void;
  onCreated: (batch: Batch) => void;
}) {
  const { t } = useTranslation('disbursements');
  const [form] = Form.useForm<Values>();
  const programs = usePrograms({});
  const tree = useOrgTree();
  const paths = useMemo(() => pathsOf(tree.data ?? []), [tree.data]);
  const payable = useMemo(
    () => (programs.data?.items ?? []).filter((p) => paths.has(p.orgId)),
    [programs.data, paths],
  );
  const loaded = !!programs.data && !!tree.data;
  const initialPayable = !loaded || payable.some((p) => p.id === initialProgramId);
  const programId = Form.useWatch('programId', form) ?? (initialPayable ? initialProgramId : undefined);
  const programOrgId = payable.find((p) => p.id === programId)?.orgId;
  const programPath = programOrgId ? paths.get(programOrgId) : undefined;
  // A program chosen on the list page that this unit does not pay: start with none.
  useEffect(() => {
    if (loaded && initialProgramId && !payable.some((p) => p.id === initialProgramId))
      form.setFieldValue('programId', undefined);
  }, [loaded, initialProgramId, payable, form]);
  const belowProgram = (node: OrgNode) => !!programPath && !programPath.startsWith(node.path);
  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form) ?? 'cash';
  const [payableOnly, setPayableOnly] = useState(false);
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useCandidates(
    programId && programPath ? { programId, orgId, payableOnly: payableOnly || undefined, q, ...page } : null,
  );
  const totalFen = useMemo(() => [...selected.values()].reduce((n, c) => n + c.approvedFen, 0), [selected]);

  const blockOf = (c: Candidate) =>
    c.block?.message ?? (kind === 'cash' && !c.hasBankAccount ? t('create.noBank') : null);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    if (!selected.size) {
      setError(t('create.selectSome'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const batch = await createBatch({
        programId: values.programId!,
        orgId: values.orgId || undefined,
        kind: values.kind,
        title: values.title || undefined,
        ...(values.kind === 'goods'
          ? {
              itemName: values.itemName,
              unitName: values.unitName || undefined,
              unitValueFen: yuanToFen(values.unitValue),
            }
          : {}),
        applicationIds: [...selected.keys()],
        note: values.note || null,
      });
      onCreated(batch);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length)
        form.setFields(
          e.fieldErrors
            .filter((f) => ['title', 'itemName', 'unitName', 'note'].includes(f.path ?? ''))
            .map((f) => ({ name: f.path as keyof Values, errors: [f.message] })),
        );
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={960}
      title={t('create.title')}
      okText={t('create.submit')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ programId: initialProgramId, kind: 'cash' }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if ('programId' in changed || 'orgId' in changed) {
            setSelected(new Map());
            setPage((p) => ({ ...p, page: 1 }));
          }
          // A paying unit below the newly chosen program is no longer allowed.
          const program = payable.find((p) => p.id === changed.programId);
          const orgPath = all.orgId ? paths.get(all.orgId) : undefined;
          if (program && orgPath && !paths.get(program.orgId)?.startsWith(orgPath))
            form.setFieldValue('orgId', undefined);
        }}
      >
        <Space wrap align="start">
          <Form.Item
            name="programId"
            label={t('field.program')}
            rules={[{ required: true, message: t('create.pickProgram') }]}
          >
            <Select
              style={{ width: 320 }}
              showSearch
              optionFilterProp="label"
              placeholder={t('create.pickProgram')}
              loading={programs.isLoading || tree.isLoading}
              options={payable.map((p) => ({
                value: p.id,
                label: programLabel(p),
              }))}
              data-testid="batch-program"
            />
          </Form.Item>
          <Form.Item name="orgId" label={t('field.org')}>
            <OrgTreeSelect
              style={{ width: 260 }}
              placeholder={t('create.pickOrg')}
              isDisabled={belowProgram}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('field.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'cash', label: t('kind.cash') },
                { value: 'goods', label: t('kind.goods') },
              ]}
            />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('create.payerRule')}</Typography.Paragraph>
        {kind === 'goods' && (
          <>
            <Space wrap align="start">
              <Form.Item
                name="itemName"
                label={t('field.item')}
                rules={[
                  { required: true, whitespace: true, message: t('create.itemRequired') },
                  { max: 100 },
                ]}
              >
                <Input style={{ width: 240 }} placeholder="大米（10 公斤装）" />
              </Form.Item>
              <Form.Item name="unitName" label={t('field.unitName')} rules={[{ max: 10 }]}>
                <Input style={{ width: 100 }} placeholder="袋" />
              </Form.Item>
              <Form.Item
                name="unitValue"
                label={t('field.unitValue')}
                rules={[{ required: true, message: t('create.unitValueRequired') }]}
              >
                <InputNumber min={0.01} precision={2} style={{ width: 140 }} />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary">{t('create.goodsRule')}</Typography.Paragraph>
          </>
        )}
        <Space wrap align="start">
          <Form.Item name="title" label={t('field.title')} rules={[{ min: 2 }, { max: 100 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="note" label={t('field.note')} rules={[{ max: 500 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
        </Space>
      </Form>
      {programId && (
        <>
          <Typography.Title level={5}>{t('create.candidates')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('create.candidatesHint')}</Typography.Paragraph>
          <Space style={{ marginBottom: 8 }} wrap>
            <Input.Search
              allowClear
              placeholder={t('filter.q')}
              style={{ width: 200 }}
              onSearch={(v) => {
                setQ(v.trim() || undefined);
                setPage((p) => ({ ...p, page: 1 }));
              }}
            />
            <Space>
              <Switch checked={payableOnly} onChange={setPayableOnly} size="small" />
              {t('create.payableOnly')}
            </Space>
            <Typography.Text strong data-testid="batch-selected">
              {t('create.selected', { count: selected.size, amount: formatYuan(totalFen) })}
            </Typography.Text>
          </Space>
          <Table<Candidate>
            size="small"
            rowKey="applicationId"
            loading={candidates.isFetching}
            dataSource={candidates.data?.items}
            locale={{ emptyText: t('create.empty') }}
            rowSelection={{
              preserveSelectedRowKeys: true,
              selectedRowKeys: [...selected.keys()],
              getCheckboxProps: (c) => ({ disabled: !!blockOf(c) }),
              onChange: (_keys, rows) => {
                const onPage = new Set((candidates.data?.items ?? []).map((c) => c.applicationId));
                const next = new Map([...selected].filter(([id]) => !onPage.has(id)));
                for (const r of rows) if (r) next.set(r.applicationId, r);
                setSelected(next);
              },
            }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: candidates.data?.total,
              showSizeChanger: true,
              pageSizeOptions: [50, 200, 1000],
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            onRow={(c) => ({ style: blockOf(c) ? { color: '#999' } : undefined })}
            columns={[
              { title: t('field.payee'), dataIndex: 'householdName', width: 100 },
              {
                title: t('field.workUnit'),
                dataIndex: 'orgName',
                width: 200,
                ellipsis: { showTitle: false },
                render: (v: string) => <Tooltip title={v}>{v}</Tooltip>,
              },
              {
                title: t('field.amount'),
                dataIndex: 'approvedFen',
                width: 110,
                align: 'right',
                render: (v: number) => formatYuan(v),
              },
              {
                title: '',
                key: 'block',
                // The reason wraps inside its column instead of running past the table's edge.
                render: (_, c) => (
                  <Space size={4} wrap>
                    {blockOf(c) && (
                      <Tag style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{blockOf(c)}</Tag>
                    )}
                    {c.previousFailures > 0 && (
                      <Tag color="warning" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                        {t('create.previousFailures', { count: c.previousFailures })}
                      </Tag>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginTop: 8 }}
          data-testid="batch-create-error"
        />
      )}
    </Modal>
  );
}
